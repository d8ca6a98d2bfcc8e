import { IsInt, IsISO8601, IsNumber, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, MinLength } from 'class-validator';

export const STORY_ADOPTED = 'story.adopted';

/**
 * 采用反馈: a desk adopted (选用) a story for one of its channels. Travels down hop by hop from
 * the adopter towards the origin (province → city hub → county); every hop records it.
 */
export class StoryAdopted {
  /** One adoption = one story for one channel; also the key every hop records it under. */
  @IsUUID()
  adoptionId!: string;

  @IsUUID()
  storyId!: string;

  @IsInt()
  @Min(1)
  storyVersion!: number;

  @IsString()
  @MaxLength(200)
  storyTitle!: string;

  @Matches(/^\d{6}$/, { message: 'originCode must be a six-digit center code' })
  originCode!: string;

  /** The hub whose pool the story was adopted from. */
  @Matches(/^\d{6}$/, { message: 'hubCode must be a six-digit center code' })
  hubCode!: string;

  @Matches(/^\d{6}$/, { message: 'adopterCode must be a six-digit center code' })
  adopterCode!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(30)
  channel!: string;

  @IsString()
  @MaxLength(100)
  adoptedBy!: string;

  @IsISO8601()
  adoptedAt!: string;

  /** 积分 the adoption earns the story, by the adopter's weights; absent from older senders, null when the adopter keeps no weights. */
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  points?: number | null;
}
