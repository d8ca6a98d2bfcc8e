import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { STORY_LIMITS } from '../../story/story-limits';
import { StorySnapshot } from '../../story/story-snapshot';

export const STORY_POOLED = 'story.pooled';

/**
 * The pooled text as the hub's search read it, so the parent indexes without segmenting again:
 * jieba search-mode tokens joined by single spaces (a token never holds one), and the SimHash.
 */
export class PooledStoryText {
  @IsString()
  @MaxLength(STORY_LIMITS.eventBytes)
  titleWords!: string;

  /** Summary and tags (absent from senders before it was added). */
  @IsOptional()
  @IsString()
  @MaxLength(STORY_LIMITS.eventBytes)
  summaryWords?: string;

  @IsString()
  @MaxLength(STORY_LIMITS.eventBytes)
  bodyWords!: string;

  /** Signed 64-bit decimal, as PostgreSQL's bigint holds it. */
  @Matches(/^-?\d{1,19}$/)
  simhash!: string;
}

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

  /** Absent from hubs that predate it: the receiver then segments the story itself. */
  @IsOptional()
  @ValidateNested()
  @Type(() => PooledStoryText)
  text?: PooledStoryText;
}
