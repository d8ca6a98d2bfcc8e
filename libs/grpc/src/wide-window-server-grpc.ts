import type { Server } from '@grpc/grpc-js';
import { Logger } from '@nestjs/common';
import { ServerGrpc } from '@nestjs/microservices';
import { widenReceiveWindows } from './receive-window';

/**
 * Nest's gRPC transport with wide HTTP/2 receive windows (receive-window.ts): media streams from
 * child centers arrive at the speed of the disk instead of stalling on 64 KB window updates.
 */
export class WideWindowServerGrpc extends ServerGrpc {
  private readonly windowLogger = new Logger('GrpcServer');

  override async createClient(): Promise<Server> {
    const server = (await super.createClient()) as Server;
    if (widenReceiveWindows(server) === 0)
      this.windowLogger.warn({ msg: 'gRPC receive windows left at 64 KB: grpc-js no longer exposes its HTTP/2 listeners; media transfers will be slower' });
    return server;
  }
}
