import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { DownwardTargets } from '../downward-targets.decorator';

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

  @DownwardTargets()
  targets?: string[];
}

export class TopicsQuery {
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
