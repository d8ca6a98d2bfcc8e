import { IsInt, IsISO8601, IsString, IsUUID, Matches, MaxLength, Min, MinLength } from 'class-validator';

export const STORY_REPUBLISHED = 'story.republished';

/** 转载: a center republished a story from its parent's pool; the hub passes the news on to the origin. */
export class StoryRepublished {
  @IsUUID()
  storyId!: string;

  @Matches(/^\d{6}$/, { message: 'originCode must be a six-digit center code' })
  originCode!: string;

  /** The pool version that was copied. */
  @IsInt()
  @Min(1)
  version!: number;

  /** The hub whose pool it came from (the recipient). */
  @Matches(/^\d{6}$/, { message: 'hubCode must be a six-digit center code' })
  hubCode!: string;

  /** The republishing center (the sender). */
  @Matches(/^\d{6}$/, { message: 'republishedBy must be a six-digit center code' })
  republishedBy!: string;

  @IsString()
  @MaxLength(100)
  user!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(100)
  channel!: string;

  @IsISO8601()
  republishedAt!: string;
}
