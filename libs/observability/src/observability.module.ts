import { Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { GrpcRequestInterceptor } from './grpc-request.interceptor';
import { HealthController } from './health.controller';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsRegistry } from './metrics.registry';
import { ProcessMetrics } from './process-metrics';
import { ReadinessRegistry } from './readiness.registry';
import { RequestIdMiddleware } from './request-id.middleware';

@Global()
@Module({
  controllers: [HealthController],
  providers: [MetricsRegistry, ReadinessRegistry, ProcessMetrics, { provide: APP_INTERCEPTOR, useClass: GrpcRequestInterceptor }],
  exports: [MetricsRegistry, ReadinessRegistry],
})
export class ObservabilityModule implements NestModule {
  configure(consumer: MiddlewareConsumer) {
    // The id first, so the metrics middleware's access log line runs inside it.
    consumer.apply(RequestIdMiddleware, HttpMetricsMiddleware).forRoutes('*');
  }
}
