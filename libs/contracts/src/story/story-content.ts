import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Author } from './author';
import { MediaRef } from './media-ref';
import { PRIORITIES, STORY_LIMITS } from './story-limits';
import type { Priority } from './story-limits';

/** The editorial content of a story: what a version is made of and what the hash covers. */
export class StoryContent {
  @IsString()
  @MinLength(1, { message: 'title must not be empty' })
  @MaxLength(STORY_LIMITS.titleChars)
  @ApiProperty({ example: '赣州：大稿库让县级好稿走得更远', maxLength: STORY_LIMITS.titleChars })
  title!: string;

  @IsOptional()
  @IsString()
  @MaxLength(STORY_LIMITS.summaryChars)
  @ApiPropertyOptional({ maxLength: STORY_LIMITS.summaryChars })
  summary?: string | null;

  /** HTML; sanitised before it is stored or sent. */
  @IsString()
  @MinLength(1, { message: 'body must not be empty' })
  @MaxLength(STORY_LIMITS.bodyChars)
  @ApiProperty({ description: 'HTML; scripts, styles and event handlers are removed', example: '<p>赣州市融媒体中心……</p>' })
  body!: string;

  @IsString()
  @MinLength(1, { message: 'byline must not be empty' })
  @MaxLength(STORY_LIMITS.bylineChars)
  @ApiProperty({ example: '记者 刘敏 通讯员 陈晓' })
  byline!: string;

  @IsArray()
  @ArrayMaxSize(STORY_LIMITS.authors)
  @ValidateNested({ each: true })
  @Type(() => Author)
  @ApiProperty({ type: () => [Author], default: [] })
  authors!: Author[];

  @IsString()
  @MinLength(1)
  @MaxLength(STORY_LIMITS.categoryChars)
  @ApiProperty({ example: '时政' })
  category!: string;

  @IsArray()
  @ArrayMaxSize(STORY_LIMITS.tags)
  @IsString({ each: true })
  @MaxLength(STORY_LIMITS.tagChars, { each: true })
  @ApiProperty({ type: [String], example: ['媒体融合', '大稿库'] })
  tags!: string[];

  @Matches(/^\d{6}$/, { message: 'regionCode must be a six-digit GB/T 2260 code' })
  @ApiProperty({ example: '360702', description: 'GB/T 2260 code of the place the story is about' })
  regionCode!: string;

  @IsArray()
  @ArrayMaxSize(STORY_LIMITS.mediaRefs)
  @ValidateNested({ each: true })
  @Type(() => MediaRef)
  @ApiProperty({ type: () => [MediaRef], default: [] })
  mediaRefs!: MediaRef[];

  @IsIn(PRIORITIES)
  @ApiProperty({ enum: PRIORITIES, default: 'normal' })
  priority!: Priority;

  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'embargoUntil must be an ISO 8601 time' })
  @ApiPropertyOptional({ example: '2026-12-01T08:00:00+08:00', description: 'not visible beyond the origin and its hub before this time' })
  embargoUntil?: string | null;
}
