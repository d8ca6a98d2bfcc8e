import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';

export const REVIEW_DECIDED = 'review.decided';
export const REVIEW_DECISIONS = ['accepted', 'rejected', 'returned'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** 入库 / 退稿 / 退改: the hub's decision on one submitted version, sent back to the origin. */
export class ReviewDecided {
  @IsUUID()
  storyId!: string;

  @IsInt()
  @Min(1)
  version!: number;

  @Matches(/^\d{6}$/)
  hubCode!: string;

  @IsIn(REVIEW_DECISIONS)
  decision!: ReviewDecision;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string | null;

  @IsString()
  @MaxLength(100)
  decidedBy!: string;

  @IsISO8601()
  decidedAt!: string;
}
