import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@syn/persistence';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class StoryIndexQuery extends PageQuery {
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'city must be a six-digit center code' })
  @ApiPropertyOptional({ description: 'the hub (city) whose pool holds the story', example: '360700' })
  city?: string;

  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'county must be a six-digit center code' })
  @ApiPropertyOptional({ description: 'the center that wrote the story', example: '360702' })
  county?: string;

  @IsOptional()
  @IsString()
  @MaxLength(30)
  @ApiPropertyOptional({ example: '时政' })
  category?: string;

  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 time' })
  @ApiPropertyOptional({ description: 'pooled at or after' })
  from?: string;

  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 time' })
  @ApiPropertyOptional({ description: 'pooled before' })
  to?: string;

  @IsOptional()
  @IsIn(['true', 'false'], { message: 'recommended must be true or false' })
  @ApiPropertyOptional({ description: 'only stories a city recommended (推荐), or only those it did not' })
  recommended?: 'true' | 'false';
}
