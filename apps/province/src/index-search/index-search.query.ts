import { ApiPropertyOptional } from '@nestjs/swagger';
import { StorySearchQuery } from '@syn/hub';
import { IsOptional, Matches } from 'class-validator';

export class IndexSearchQuery extends StorySearchQuery {
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'city must be a six-digit center code' })
  @ApiPropertyOptional({ description: 'the hub (city) whose pool holds the story', example: '360700' })
  city?: string;

  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'county must be a six-digit center code' })
  @ApiPropertyOptional({ description: 'the center that wrote the story', example: '360702' })
  county?: string;
}
