import { Global, Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { MetricsRegistry } from './metrics.registry';
import { ProcessMetrics } from './process-metrics';
import { ReadinessRegistry } from './readiness.registry';

@Global()
@Module({
  controllers: [HealthController],
  providers: [MetricsRegistry, ReadinessRegistry, ProcessMetrics],
  exports: [MetricsRegistry, ReadinessRegistry],
})
export class ObservabilityModule {}
