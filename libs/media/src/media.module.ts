import { Global, Module } from '@nestjs/common';
import { validateEnv } from '@syn/config';
import { PersistencePart } from '@syn/persistence';
import { MediaAccess } from './access/media-access';
import { MediaFilesController } from './access/media-files.controller';
import { MediaUrlSigner } from './access/media-url-signer';
import { MediaController } from './media.controller';
import { MediaEnv } from './media-env';
import { MediaLibrary } from './media-library';
import { MediaSignals } from './media-signals';
import { MediaTables1764101500000 } from './migrations/1764101500000-media-tables';
import { MediaPulls1764101614600 } from './migrations/1764101614600-media-pulls';
import { MediaTransferRefused1764550000000 } from './migrations/1764550000000-media-transfer-refused';
import { MediaJobsWorker } from './processing/media-jobs.worker';
import { MediaProcessor } from './processing/media-processor';
import { mediaStoreFromEnv } from './store/media-store.factory';
import { MEDIA_STORE } from './store/media-store';
import { MediaCopyKeeper } from './transfer/media-copy.keeper';
import { MediaGc } from './transfer/media-gc';
import { MediaOutboxListener } from './transfer/media-outbox.listener';
import { MediaPullWorker } from './transfer/media-pull.worker';
import { MediaPulls } from './transfer/media-pulls';
import { MediaPushWorker } from './transfer/media-push.worker';
import { MediaTransferMetrics } from './transfer/media-transfer.metrics';
import { MediaTransferGrpcController } from './transfer/media-transfer.grpc-controller';
import { MediaByteRequests } from './transfer/byte-server/media-byte-requests';
import { MediaByteServer } from './transfer/byte-server/media-byte-server';
import { MediaByteThread } from './transfer/byte-server/media-byte-thread';
import { MediaReceiver } from './transfer/media-receiver';
import { MediaTransferGate } from './transfer/media-transfer.gate';
import { PartialFiles } from './transfer/partial-files';
import { TusUploads } from './upload/tus-uploads';

export const mediaPersistence: PersistencePart = {
  entities: [],
  migrations: [MediaTables1764101500000, MediaPulls1764101614600, MediaTransferRefused1764550000000],
};

/**
 * 融媒体 at every level: upload (multipart and tus), content-addressed storage (local disk or S3),
 * processing off the request, transfer to the parent with the story and from it with a release,
 * signed access, takedown.
 */
@Global()
@Module({
  controllers: [MediaController, MediaFilesController, MediaTransferGrpcController],
  providers: [
    { provide: MediaEnv, useFactory: () => validateEnv(MediaEnv) },
    { provide: MEDIA_STORE, useFactory: (env: MediaEnv) => mediaStoreFromEnv(env), inject: [MediaEnv] },
    MediaSignals,
    MediaLibrary,
    MediaProcessor,
    MediaJobsWorker,
    TusUploads,
    MediaAccess,
    MediaUrlSigner,
    MediaGc,
    MediaCopyKeeper,
    MediaOutboxListener,
    MediaPushWorker,
    MediaPulls,
    MediaPullWorker,
    MediaTransferMetrics,
    MediaTransferGate,
    MediaReceiver,
    MediaByteThread,
    MediaByteRequests,
    MediaByteServer,
    PartialFiles,
  ],
  exports: [MediaEnv, MediaLibrary, MediaAccess, MediaUrlSigner, MediaPulls],
})
export class MediaModule {}
