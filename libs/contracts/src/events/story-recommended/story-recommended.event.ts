import { IsISO8601, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';

export const STORY_RECOMMENDED = 'story.recommended';

/** 推荐: a hub points its parent (the province) at a story in its pool, with a note saying why. */
export class StoryRecommended {
  @IsUUID()
  storyId!: string;

  @Matches(/^\d{6}$/, { message: 'hubCode must be a six-digit center code' })
  hubCode!: string;

  @IsString()
  @MinLength(2)
  @MaxLength(500)
  note!: string;

  @IsString()
  @MaxLength(100)
  recommendedBy!: string;

  @IsISO8601()
  recommendedAt!: string;
}
