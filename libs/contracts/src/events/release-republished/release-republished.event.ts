import { IsISO8601, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

export const RELEASE_REPUBLISHED = 'release.republished';

/** 转载回执: a center republished a release; travels up hop by hop to the release's issuer. */
export class ReleaseRepublished {
  @IsUUID()
  releaseId!: string;

  @Matches(/^\d{6}$/, { message: 'issuerCode must be a six-digit center code' })
  issuerCode!: string;

  @Matches(/^\d{6}$/, { message: 'republisherCode must be a six-digit center code' })
  republisherCode!: string;

  @IsString()
  @MaxLength(100)
  republishedBy!: string;

  @IsISO8601()
  republishedAt!: string;
}
