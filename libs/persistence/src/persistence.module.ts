import { DynamicModule, Global, Inject, Logger, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { AppEnv } from '@syn/config';
import { ReadinessRegistry } from '@syn/observability';
import { DataSource } from 'typeorm';
import { DeferredInserts } from './deferred-inserts';
import { ensureDatabase } from './ensure-database';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { PersistenceOptions } from './persistence.options';

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
    const entities = options.parts.flatMap((p) => p.entities);
    const migrations = options.parts
      .flatMap((p) => p.migrations)
      .sort((a, b) => a.name.localeCompare(b.name));
    return {
      module: PersistenceModule,
      providers: [
        {
          provide: DataSource,
          inject: [AppEnv],
          useFactory: async (env: AppEnv) => {
            await ensureDatabase(env.DATABASE_URL);
            const dataSource = new DataSource({
              type: 'postgres',
              url: env.DATABASE_URL,
              entities,
              migrations,
              namingStrategy: new SnakeNamingStrategy(),
              synchronize: false,
              migrationsRun: false,
              extra: {
                max: 10,
                application_name: `syn-${env.HOSTED_CENTERS.join('-').slice(0, 40)}`,
                // A lost server or a cut connection must surface as an error the caller retries,
                // never as a request or a consumer batch waiting forever.
                connectionTimeoutMillis: 10_000,
                statement_timeout: 60_000,
                idle_in_transaction_session_timeout: 60_000,
                // JIT compiles a plan for 10–20 ms once its estimated cost is high; our queries run
                // in a few milliseconds (a search's worst plan estimated high and then spent more
                // time compiling than executing), so it only ever adds latency here.
                options: '-c jit=off',
                keepAlive: true,
              },
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
