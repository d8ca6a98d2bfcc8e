import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { StorySnapshot } from '../../story/story-snapshot';

export const RELEASE_ISSUED = 'release.issued';

/**
 * 通稿 pushed downward for lower centers to republish. A correction is the same release with a
 * higher revision; receivers keep the highest revision and pass it on to whom they passed it before.
 */
export class ReleaseIssued {
  @IsUUID()
  releaseId!: string;

  @Matches(/^\d{6}$/, { message: 'issuerCode must be a six-digit center code' })
  issuerCode!: string;

  @IsInt()
  @Min(1)
  revision!: number;

  @ValidateNested()
  @Type(() => StorySnapshot)
  story!: StorySnapshot;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string | null;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @Matches(/^\d{6}$/, { each: true, message: 'targets must be six-digit center codes' })
  targets!: string[];

  @IsString()
  @MaxLength(100)
  issuedBy!: string;

  @IsISO8601()
  issuedAt!: string;
}
