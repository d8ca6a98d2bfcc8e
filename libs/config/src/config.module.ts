import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppEnv } from './app-env';
import { validateEnv } from './validate-env';

@Global()
@Module({})
export class ConfigModule {
  /** Validates the environment once; a bad variable stops the boot with its name. */
  static forRoot(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    const appEnv = validateEnv(AppEnv, env);
    return { module: ConfigModule, providers: [{ provide: AppEnv, useValue: appEnv }], exports: [AppEnv] };
  }
}
