import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

/** 选题: what the issuer wants covered, by when, and by whom below it. */
export class IssueTopicDto {
  @IsString()
  @MinLength(1, { message: 'title must not be empty' })
  @MaxLength(200)
  @ApiProperty({ example: '聚焦秋收：各地丰收节活动' })
  title!: string;

  @IsString()
  @MaxLength(5000)
  @ApiProperty({ example: '请各地围绕丰收节活动采写稿件，图文并茂。' })
  brief!: string;

  @IsISO8601({ strict: true }, { message: 'deadline must be an ISO 8601 time' })
  @ApiProperty({ example: '2026-12-01T18:00:00+08:00' })
  deadline!: string;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'targets must name at least one center, or be left out to aim at all' })
  @ArrayMaxSize(500)
  @ArrayUnique({ message: 'targets must not repeat' })
  @Matches(/^\d{6}$/, { each: true, message: 'targets must be six-digit center codes' })
  @ApiPropertyOptional({ type: [String], description: 'centers below the issuer; left out = every direct child (each fans it out to its subtree)' })
  targets?: string[];
}

export class TopicsQuery {
  @IsOptional() @IsString() @MaxLength(200)
  @ApiPropertyOptional()
  cursor?: string;

  @IsOptional() @Matches(/^([1-9]|[1-9]\d|1\d\d|200)$/, { message: 'limit must be 1..200' })
  @ApiPropertyOptional({ default: '50' })
  limit?: string;
}
