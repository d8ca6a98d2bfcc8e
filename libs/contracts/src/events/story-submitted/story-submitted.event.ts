import { Type } from 'class-transformer';
import { IsISO8601, IsString, MaxLength, ValidateNested } from 'class-validator';
import { StorySnapshot } from '../../story/story-snapshot';

export const STORY_SUBMITTED = 'story.submitted';

/** 上报: a center sends one version of a story to its parent's review queue. */
export class StorySubmitted {
  @ValidateNested()
  @Type(() => StorySnapshot)
  story!: StorySnapshot;

  @IsString()
  @MaxLength(100)
  submittedBy!: string;

  @IsISO8601()
  submittedAt!: string;
}
