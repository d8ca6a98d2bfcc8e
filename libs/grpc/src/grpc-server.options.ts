import { CustomStrategy } from '@nestjs/microservices';
import { join } from 'node:path';
import { PROTO_LOADER_OPTIONS } from './story-pool.client';
import { MEDIA_TRANSFER_PROTO, protoRoot, RECONCILIATION_PROTO, STORY_POOL_PROTO, SYNDICATION_PACKAGE } from './proto-path';
import { WideWindowServerGrpc } from './wide-window-server-grpc';

/** The gRPC side of a hybrid Nest app (HTTP for desks, gRPC for centers). */
export function grpcServerOptions(host: string, port: number): CustomStrategy {
  return {
    strategy: new WideWindowServerGrpc({
      package: SYNDICATION_PACKAGE,
      protoPath: [STORY_POOL_PROTO, RECONCILIATION_PROTO, MEDIA_TRANSFER_PROTO].map((p) => join(protoRoot(), p)),
      url: `${host}:${port}`,
      // Media chunks (libs/media) are up to 6 MB; gRPC's default limit is 4 MB.
      maxReceiveMessageLength: 8 * 1024 * 1024,
      loader: { ...PROTO_LOADER_OPTIONS, includeDirs: [protoRoot()] },
    }),
  };
}
