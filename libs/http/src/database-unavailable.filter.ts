import { ArgumentsHost, Catch, HttpStatus, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Response } from 'express';
import { throwError } from 'rxjs';

/** Errors that mean "the database is away or saturated right now", not "this request is wrong". */
const UNAVAILABLE = /timeout exceeded when trying to connect|Connection terminated|terminating connection due to administrator command|ECONNREFUSED|the database system is (starting up|shutting down)/i;

export const isDatabaseUnavailable = (e: unknown): boolean => e instanceof Error && UNAVAILABLE.test(e.message);

/**
 * An editor whose request meets a saturated connection pool or a database restart gets 503 with
 * Retry-After (nothing was changed; send it again) instead of a bare 500.
 */
@Catch()
export class DatabaseUnavailableFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('Http');

  override catch(exception: unknown, host: ArgumentsHost) {
    // gRPC handlers map their own errors (GrpcExceptionFilter on each controller); never answer them as HTTP.
    if (host.getType() !== 'http') return throwError(() => exception);
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn({ msg: 'database unavailable; answered 503', err: (exception as Error).message });
      const res = host.switchToHttp().getResponse<Response>();
      res.setHeader('Retry-After', '5');
      res.status(HttpStatus.SERVICE_UNAVAILABLE).json({ statusCode: 503, error: 'Service Unavailable', message: ['the database is busy or restarting; nothing was changed, try again shortly'] });
      return;
    }
    super.catch(exception, host);
  }
}
