import { status } from '@grpc/grpc-js';
import { RpcException } from '@nestjs/microservices';

/** Typed gRPC failures: callers get a proper status, never UNKNOWN. */
export const grpcError = (code: status, message: string) => new RpcException({ code, message });

export const notFound = (message: string) => grpcError(status.NOT_FOUND, message);
export const invalidArgument = (message: string) => grpcError(status.INVALID_ARGUMENT, message);
export const permissionDenied = (message: string) => grpcError(status.PERMISSION_DENIED, message);
export const unauthenticated = (message: string) => grpcError(status.UNAUTHENTICATED, message);
