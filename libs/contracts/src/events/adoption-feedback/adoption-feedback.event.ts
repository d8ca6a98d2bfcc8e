import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';

export const ADOPTION_FEEDBACK = 'adoption.feedback';

/** 选用 (a desk took it for its channels) or 转载 (a center republished it with attribution). */
export const ADOPTION_KINDS = ['adopted', 'republished'] as const;
export type AdoptionKind = (typeof ADOPTION_KINDS)[number];

export const ADOPTER_LEVELS = ['province', 'city', 'county'] as const;
export type AdopterLevel = (typeof ADOPTER_LEVELS)[number];

/** The center that used the story. */
export class Adopter {
  @Matches(/^\d{6}$/, { message: 'adopter.code must be a six-digit center code' })
  code!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @IsIn(ADOPTER_LEVELS)
  level!: AdopterLevel;
}

/**
 * 采用反馈: tells the origin of a story who used it, where and when. Travels down, hop by hop,
 * from the center that learnt of the use to the origin (a hub relays it to the county below).
 * One contract for every kind of use, whoever the adopter is.
 */
export class AdoptionFeedback {
  @IsUUID()
  storyId!: string;

  /** The center that wrote the story: where this feedback is finally delivered. */
  @Matches(/^\d{6}$/, { message: 'originCode must be a six-digit center code' })
  originCode!: string;

  /** The version that was used. */
  @IsInt()
  @Min(1)
  version!: number;

  @IsIn(ADOPTION_KINDS)
  kind!: AdoptionKind;

  @ValidateNested()
  @Type(() => Adopter)
  adopter!: Adopter;

  /** The desk user who adopted or republished it. */
  @IsString()
  @MaxLength(100)
  adoptedBy!: string;

  /** Where it appears: a channel name (网站, 客户端, 微信公众号, 省级平台头条…). */
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  channel!: string;

  @IsISO8601()
  adoptedAt!: string;

  /** Optional word from the adopter. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string | null;
}
