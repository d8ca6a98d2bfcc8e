import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
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

  /**
   * The hub's own edition of this version: 0 as the origin sent it, +1 for each curator edit
   * (headline, summary, tags). Receivers keep the highest (version, edition).
   */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  edition?: number;
}
