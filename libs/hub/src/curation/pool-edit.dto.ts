import { ApiPropertyOptional } from '@nestjs/swagger';
import { STORY_LIMITS } from '@syn/contracts';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

/** What a curator may change in a pooled story: its packaging, never the body or the byline. */
export class PoolEditDto {
  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'title must not be empty' })
  @MaxLength(STORY_LIMITS.titleChars)
  @ApiPropertyOptional({ example: '赣州：县级好稿借“大稿库”走向全省' })
  title?: string;

  @IsOptional()
  @IsString()
  @MaxLength(STORY_LIMITS.summaryChars)
  @ApiPropertyOptional({ description: 'an empty string clears the summary' })
  summary?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(STORY_LIMITS.tags)
  @IsString({ each: true })
  @MaxLength(STORY_LIMITS.tagChars, { each: true })
  @ApiPropertyOptional({ type: [String], example: ['媒体融合', '大稿库', '赣南'] })
  tags?: string[];
}
