import { IsISO8601, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';

export const RELEASE_WITHDRAWN = 'release.withdrawn';

/** 撤稿 of a release: a tombstone that follows the release down to every center it reached. */
export class ReleaseWithdrawn {
  @IsUUID()
  releaseId!: string;

  @Matches(/^\d{6}$/, { message: 'issuerCode must be a six-digit center code' })
  issuerCode!: string;

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
