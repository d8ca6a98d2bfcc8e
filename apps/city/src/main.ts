import 'reflect-metadata';
import { bootstrapApp } from '@syn/http';
import { CityModule } from './city.module';

void bootstrapApp(CityModule, { service: 'city', title: '市级融媒体平台 City hub', grpc: true }).catch((e) => {
  process.stderr.write(`city failed to start: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
