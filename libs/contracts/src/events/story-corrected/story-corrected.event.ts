import { Type } from 'class-transformer';
import { IsISO8601, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { StorySnapshot } from '../../story/story-snapshot';

export const STORY_CORRECTED = 'story.corrected';

/**
 * 更正: a new version of a story that was already delivered. It travels from the origin to its
 * hub and on, hop by hop, to every center in each sender's delivery ledger (up to the provincial
 * index, down to the centers that republished or adopted it). It carries the full snapshot, so a
 * receiver that never saw an earlier version still ends up with the right one.
 */
export class StoryCorrected {
  @ValidateNested()
  @Type(() => StorySnapshot)
  story!: StorySnapshot;

  /** 更正说明: what was wrong, shown to the editors of every copy. */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string | null;

  @IsString()
  @MaxLength(100)
  correctedBy!: string;

  @IsISO8601()
  correctedAt!: string;
}
