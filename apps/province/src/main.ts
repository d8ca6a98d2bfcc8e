import 'reflect-metadata';
import { bootstrapApp } from '@syn/http';
import { ProvinceModule } from './province.module';

void bootstrapApp(ProvinceModule, { service: 'province', title: '省级技术平台 Province platform', grpc: true }).catch((e) => {
  process.stderr.write(`province failed to start: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
