import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Author, MediaRef, StoryContent } from '@syn/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { DownwardTargets } from '../downward-targets.decorator';

/** The text of a release the desk writes itself (通稿), when it is not taken from the pool. */
export class ReleaseStoryInput extends PickType(StoryContent, ['title', 'summary', 'body', 'byline', 'category', 'embargoUntil'] as const) {
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'regionCode must be a six-digit GB/T 2260 code' })
  @ApiPropertyOptional({ description: 'defaults to the issuing center’s own code' })
  regionCode?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => Author)
  @ApiPropertyOptional({ type: () => [Author] })
  authors?: Author[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(30, { each: true })
  @ApiPropertyOptional({ type: [String] })
  tags?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => MediaRef)
  @ApiPropertyOptional({ type: () => [MediaRef] })
  mediaRefs?: MediaRef[];
}

/** 下发通稿: a story from this center's pool, or one written here, pushed to all or selected centers below. */
export class IssueReleaseDto {
  @ValidateIf((o: IssueReleaseDto) => o.story === undefined)
  @IsUUID(undefined, { message: 'storyId must be a UUID (or give story instead)' })
  @ApiPropertyOptional({ description: 'a story in this center’s own pool' })
  storyId?: string;

  @ValidateIf((o: IssueReleaseDto) => o.storyId === undefined || o.story !== undefined)
  @ValidateNested()
  @Type(() => ReleaseStoryInput)
  @ApiPropertyOptional({ type: () => ReleaseStoryInput, description: 'a release written by this desk' })
  story?: ReleaseStoryInput;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @ApiPropertyOptional({ example: '请于今日18时前在客户端首页转载' })
  note?: string;

  @DownwardTargets()
  targets?: string[];
}

/** 更正: the changed fields of a release; it goes down again as a new revision. */
export class CorrectReleaseDto extends PartialType(ReleaseStoryInput) {}

/** 撤稿 of a release. */
export class WithdrawReleaseDto {
  @IsString()
  @MinLength(2, { message: 'reason must say why (at least 2 characters)' })
  @MaxLength(1000)
  @ApiProperty({ example: '稿件数据有误，撤回' })
  reason!: string;
}

export class ReleasesQuery {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @ApiPropertyOptional()
  cursor?: string;

  @IsOptional()
  @Matches(/^([1-9]|[1-9]\d|1\d\d|200)$/, { message: 'limit must be 1..200' })
  @ApiPropertyOptional({ default: '50' })
  limit?: string;
}
