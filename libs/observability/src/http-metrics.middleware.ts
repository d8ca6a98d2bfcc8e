import { Injectable, Logger, NestMiddleware } from '@nestjs/common';
import { AsyncResource } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import type { Histogram } from 'prom-client';
import { MetricsRegistry } from './metrics.registry';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Request duration by route pattern (not the raw path, whose ids would make one series per
 * story) and status, and an access log line: writes and failures at info, the desks' polling
 * reads at debug so they do not drown the rest.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  private readonly logger = new Logger('Http');
  private readonly duration: Histogram;

  constructor(metrics: MetricsRegistry) {
    this.duration = metrics.histogram('syn_http_request_duration_seconds', 'HTTP request duration by route pattern and status', ['method', 'route', 'status']);
  }

  use(req: Request, res: Response, next: NextFunction) {
    const started = process.hrtime.bigint();
    // Bound to the request's context, so the access log line carries its request id.
    res.once(
      'finish',
      AsyncResource.bind(() => {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        // Express sets req.route once a handler matched; anything else (404s, static files) shares one series.
        const route = (req.route as { path?: string } | undefined)?.path ?? (res.statusCode === 404 ? 'unmatched' : 'static');
        const status = String(res.statusCode);
        this.duration.observe({ method: req.method, route, status }, seconds);
        const line = {
          msg: 'http request',
          method: req.method,
          route,
          path: req.originalUrl.split('?')[0],
          status: res.statusCode,
          ms: Math.round(seconds * 1000),
        };
        if (res.statusCode >= 500) this.logger.warn(line);
        else if (WRITES.has(req.method) || res.statusCode >= 400) this.logger.log(line);
        else this.logger.debug(line);
      }),
    );
    next();
  }
}
