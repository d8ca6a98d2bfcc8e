import { IsInt, IsISO8601, IsString, IsUUID, Matches, MaxLength, Min, MinLength } from 'class-validator';

export const STORY_WITHDRAWN = 'story.withdrawn';

/**
 * 撤稿: the story must disappear everywhere it went. Receivers keep a tombstone forever; it beats
 * every version, including versions that arrive after it.
 */
export class StoryWithdrawn {
  @IsUUID()
  storyId!: string;

  @Matches(/^\d{6}$/, { message: 'originCode must be a six-digit center code' })
  originCode!: string;

  /** The version the withdrawal made (one above the last content version). */
  @IsInt()
  @Min(1)
  version!: number;

  @IsString()
  @MinLength(2)
  @MaxLength(1000)
  reason!: string;

  @IsString()
  @MaxLength(100)
  withdrawnBy!: string;

  @IsISO8601()
  withdrawnAt!: string;
}
