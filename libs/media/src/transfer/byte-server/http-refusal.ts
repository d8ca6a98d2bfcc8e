import { status } from '@grpc/grpc-js';
import { RpcException } from '@nestjs/microservices';

/** gRPC status → the HTTP status a child's client reads (media-transfer.client.ts maps it back). */
const HTTP_STATUS: Partial<Record<status, number>> = {
  [status.INVALID_ARGUMENT]: 400,
  [status.UNAUTHENTICATED]: 401,
  [status.PERMISSION_DENIED]: 403,
  [status.NOT_FOUND]: 404,
  [status.FAILED_PRECONDITION]: 415,
  [status.ABORTED]: 409,
  [status.DATA_LOSS]: 422,
  [status.UNAVAILABLE]: 503,
};

/**
 * A refusal of the byte path as HTTP: the gate and the receiver refuse with gRPC statuses (the
 * offer travels on gRPC), the bytes with their HTTP equivalents. Anything else is unexpected:
 * undefined, and the caller answers 500 and logs it.
 */
export function httpRefusal(e: unknown): { status: number; message: string } | undefined {
  const err = e instanceof RpcException ? e.getError() : undefined;
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  const http = HTTP_STATUS[(err as { code: status }).code];
  if (!http) return undefined;
  const { details, message } = err as { details?: string; message?: string };
  return { status: http, message: String(details ?? message) };
}
