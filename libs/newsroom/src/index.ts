export * from './stories/story.entity';
export * from './stories/story.dto';
export * from './stories/story.service';
export * from './stories/story-snapshot.mapper';
export * from './newsroom.module';
