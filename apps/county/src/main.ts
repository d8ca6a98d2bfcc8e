import 'reflect-metadata';
import { bootstrapApp } from '@syn/http';
import { CountyModule } from './county.module';

void bootstrapApp(CountyModule, { service: 'county', title: '县级融媒体中心 County newsroom', grpc: false }).catch((e) => {
  process.stderr.write(`county failed to start: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
