import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppEnv } from '@syn/config';
import { CenterDirectory } from './center-directory';
import { HostedCenters } from './hosted-centers';

@Global()
@Module({})
export class NetworkModule {
  static forRoot(): DynamicModule {
    return {
      module: NetworkModule,
      providers: [
        { provide: CenterDirectory, inject: [AppEnv], useFactory: (env: AppEnv) => CenterDirectory.fromFile(env.NETWORK_FILE) },
        {
          provide: HostedCenters,
          inject: [AppEnv, CenterDirectory],
          useFactory: (env: AppEnv, directory: CenterDirectory) => new HostedCenters(env.HOSTED_CENTERS.map((c) => directory.get(c))),
        },
      ],
      exports: [CenterDirectory, HostedCenters],
    };
  }
}
