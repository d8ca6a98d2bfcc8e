export * from './stories/story.entity';
export * from './stories/story.dto';
export * from './stories/story.service';
export * from './stories/story-snapshot.mapper';
export * from './newsroom.module';
export * from './topic-inbox/topic-inbox.service';
export * from './release-inbox/release-inbox.service';
export * from './adoption-feedback/adoption-feedback.service';
