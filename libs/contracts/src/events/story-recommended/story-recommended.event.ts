import { IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

export const STORY_RECOMMENDED = 'story.recommended';

/**
 * 推荐: a city hub points its province's desk at a story already in its pool. Travels up one hop
 * (hub → province); the province marks the story in its index and on the live feed.
 */
export class StoryRecommended {
  @IsUUID()
  storyId!: string;

  /** The recommending hub; must be the sender of the hop. */
  @Matches(/^\d{6}$/, { message: 'hubCode must be a six-digit center code' })
  hubCode!: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string | null;

  @IsString()
  @MaxLength(100)
  recommendedBy!: string;

  @IsISO8601()
  recommendedAt!: string;
}
