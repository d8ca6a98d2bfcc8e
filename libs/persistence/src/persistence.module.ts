import { DynamicModule, Global, Inject, Logger, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { AppEnv } from '@syn/config';
import { ReadinessRegistry } from '@syn/observability';
import { DataSource } from 'typeorm';
import { DeferredInserts } from './deferred-inserts';
import { ensureDatabase } from './ensure-database';
import { createAppDataSource } from './app-data-source';
import { PERSISTENCE_PARTS, PersistenceOptions } from './persistence.options';

@Global()
@Module({})
export class PersistenceModule implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Persistence');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly readiness: ReadinessRegistry,
  ) {}

  /**
   * One DataSource per app, schema only through migrations (never synchronize): the migrations
   * of every lib the app uses run at boot, in timestamp order, each in its own transaction.
   */
  static forRoot(options: PersistenceOptions): DynamicModule {
    return {
      module: PersistenceModule,
      providers: [
        // Read by the CI migration check, which finds each app's parts through its module tree.
        { provide: PERSISTENCE_PARTS, useValue: options.parts },
        {
          provide: DataSource,
          inject: [AppEnv],
          useFactory: async (env: AppEnv) => {
            await ensureDatabase(env.DATABASE_URL);
            const dataSource = createAppDataSource(options.parts, {
              url: env.DATABASE_URL,
              applicationName: `syn-${env.HOSTED_CENTERS.join('-').slice(0, 40)}`,
            });
            await dataSource.initialize();
            await dataSource.runMigrations({ transaction: 'each' });
            return dataSource;
          },
        },
        DeferredInserts,
      ],
      exports: [DataSource, DeferredInserts],
    };
  }

  onModuleInit() {
    this.readiness.register({ name: 'postgres', check: async () => void (await this.dataSource.query('SELECT 1')) });
  }

  async onApplicationShutdown() {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    this.logger.log('database connections closed');
  }
}
