import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { status } from '@grpc/grpc-js';
import { RpcException } from '@nestjs/microservices';
import { Observable, throwError } from 'rxjs';

const HTTP_TO_GRPC: Record<number, status> = {
  400: status.INVALID_ARGUMENT,
  401: status.UNAUTHENTICATED,
  403: status.PERMISSION_DENIED,
  404: status.NOT_FOUND,
  409: status.ALREADY_EXISTS,
  413: status.RESOURCE_EXHAUSTED,
  422: status.FAILED_PRECONDITION,
  429: status.RESOURCE_EXHAUSTED,
};

/** Maps whatever a gRPC handler throws to a status code; unexpected errors become INTERNAL, not UNKNOWN. */
@Catch()
export class GrpcExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Grpc');

  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    if (exception instanceof RpcException) {
      const e = exception.getError();
      if (typeof e === 'object' && e !== null && 'code' in e) return throwError(() => e);
      return throwError(() => ({ code: status.INTERNAL, message: String(e) }));
    }
    if (exception instanceof HttpException) {
      const r = exception.getResponse();
      const message =
        typeof r === 'object' && r && 'message' in r ? ([] as unknown[]).concat((r as { message: unknown }).message).join('; ') : exception.message;
      return throwError(() => ({ code: HTTP_TO_GRPC[exception.getStatus()] ?? status.INTERNAL, message }));
    }
    this.logger.error({ msg: 'gRPC handler failed', err: (exception as Error)?.message, stack: (exception as Error)?.stack });
    return throwError(() => ({ code: status.INTERNAL, message: 'internal error' }));
  }
}
