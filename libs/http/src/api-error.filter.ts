import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { API_ERROR_CODES, codeForStatus } from '@syn/api-errors';
import type { Response } from 'express';
import { throwError } from 'rxjs';
import { isDatabaseUnavailable } from './database-unavailable.filter';

/**
 * Every HTTP error answer carries a machine `code` (docs/api-errors.md): the one its thrower named
 * (a StateConflict, the validation pipe) or the one its status implies. An editor whose request
 * meets a saturated connection pool or a database restart gets 503 with Retry-After (nothing was
 * changed; send it again) instead of a bare 500.
 */
@Catch()
export class ApiErrorFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('Http');

  override catch(exception: unknown, host: ArgumentsHost) {
    // gRPC handlers map their own errors (GrpcExceptionFilter on each controller); never answer them as HTTP.
    if (host.getType() !== 'http') return throwError(() => exception);
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return super.catch(exception, host);
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn({ msg: 'database unavailable; answered 503', err: (exception as Error).message });
      res.setHeader('Retry-After', '5');
      res.status(HttpStatus.SERVICE_UNAVAILABLE).json({
        statusCode: 503,
        error: 'Service Unavailable',
        code: API_ERROR_CODES.unavailable,
        message: ['the database is busy or restarting; nothing was changed, try again shortly'],
      });
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const answer = exception.getResponse();
      const body: Record<string, unknown> =
        typeof answer === 'string' ? { statusCode: status, message: answer } : { statusCode: status, ...(answer as Record<string, unknown>) };
      res.status(status).json({ ...body, code: typeof body.code === 'string' ? body.code : codeForStatus(status) });
      return;
    }
    return super.catch(exception, host);
  }
}
