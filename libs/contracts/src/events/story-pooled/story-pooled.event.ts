import { Type } from 'class-transformer';
import { IsISO8601, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { StorySnapshot } from '../../story/story-snapshot';

export const STORY_POOLED = 'story.pooled';

/** A hub announces a story now in its pool (大稿库) to its own parent, the province's index. */
export class StoryPooled {
  @ValidateNested()
  @Type(() => StorySnapshot)
  story!: StorySnapshot;

  @Matches(/^\d{6}$/)
  hubCode!: string;

  @IsString()
  @MaxLength(100)
  pooledBy!: string;

  @IsISO8601()
  pooledAt!: string;
}
