import { CustomStrategy, ServerGrpc } from '@nestjs/microservices';
import { join } from 'node:path';
import { PROTO_LOADER_OPTIONS } from './story-pool.client';
import { MEDIA_TRANSFER_PROTO, protoRoot, RECONCILIATION_PROTO, STORY_POOL_PROTO, SYNDICATION_PACKAGE } from './proto-path';

/** The gRPC side of a hybrid Nest app (HTTP for desks, gRPC for centers). */
export function grpcServerOptions(host: string, port: number): CustomStrategy {
  return {
    strategy: new ServerGrpc({
      package: SYNDICATION_PACKAGE,
      protoPath: [STORY_POOL_PROTO, RECONCILIATION_PROTO, MEDIA_TRANSFER_PROTO].map((p) => join(protoRoot(), p)),
      url: `${host}:${port}`,
      loader: { ...PROTO_LOADER_OPTIONS, includeDirs: [protoRoot()] },
    }),
  };
}
