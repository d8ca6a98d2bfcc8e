import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import type { Histogram } from 'prom-client';
import { MetricsRegistry } from './metrics.registry';
import { carriedRequestId, REQUEST_ID_HEADER, runWithRequestId } from './request-context';

interface MetadataLike {
  get(key: string): unknown[];
}

/**
 * gRPC calls this process serves: their duration by method and outcome, and the caller's request
 * id (from the call metadata) restored around the handler, so the hub's log lines for a desk's
 * pool browse carry the id the desk's request started with. HTTP requests pass straight through.
 */
@Injectable()
export class GrpcRequestInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Grpc');
  private readonly duration: Histogram;

  constructor(metrics: MetricsRegistry) {
    this.duration = metrics.histogram('syn_grpc_server_duration_seconds', 'gRPC calls served, by method and outcome', ['method', 'outcome']);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const md = context.switchToRpc().getContext<MetadataLike | undefined>();
    const requestId = typeof md?.get === 'function' ? carriedRequestId(md.get(REQUEST_ID_HEADER)) : undefined;
    const method = `${context.getClass().name}.${context.getHandler().name}`;
    const started = process.hrtime.bigint();
    const done = (outcome: 'ok' | 'error', err?: unknown) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.duration.observe({ method, outcome }, seconds);
      this.logger.debug({ msg: 'grpc call', method, outcome, ms: Math.round(seconds * 1000), err: err ? (err as Error).message : undefined });
    };
    // The handler runs when the observable is subscribed: subscribe inside the context, not just build it there.
    return new Observable((subscriber) =>
      runWithRequestId(requestId, () =>
        next.handle().subscribe({
          next: (v) => subscriber.next(v),
          error: (e) => {
            runWithRequestId(requestId, () => done('error', e));
            subscriber.error(e);
          },
          complete: () => {
            runWithRequestId(requestId, () => done('ok'));
            subscriber.complete();
          },
        }),
      ),
    );
  }
}
