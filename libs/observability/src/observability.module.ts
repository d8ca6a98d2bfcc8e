import { Global, Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { MetricsRegistry } from './metrics.registry';
import { ReadinessRegistry } from './readiness.registry';

@Global()
@Module({
  controllers: [HealthController],
  providers: [MetricsRegistry, ReadinessRegistry],
  exports: [MetricsRegistry, ReadinessRegistry],
})
export class ObservabilityModule {}
