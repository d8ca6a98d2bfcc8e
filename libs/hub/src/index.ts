export * from './pool/pool-listener';
export * from './pool/pool-story.entity';
export * from './pool/pool.service';
export * from './pool/pool-story.mapper';
export * from './review-queue/submission.entity';
export * from './review-queue/review-queue.service';
export * from './snapshot-integrity';
export * from './hub.module';
