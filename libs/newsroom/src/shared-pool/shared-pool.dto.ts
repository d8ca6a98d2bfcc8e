import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { StorySearchQuery } from '@syn/hub';
import { PageQuery } from '@syn/persistence';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class SharedPoolQuery extends PageQuery {
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'origin must be a six-digit center code' })
  @ApiPropertyOptional({ description: 'only stories written by this sibling center', example: '360702' })
  origin?: string;
}

export class RepublishDto {
  @IsString({ message: 'channel is required: where the story will appear' })
  @MinLength(1)
  @MaxLength(100)
  @ApiProperty({ example: '南康发布客户端', description: 'where it will appear (报、网、端、微、屏)' })
  channel!: string;
}

export class RepublishedListQuery extends PageQuery {}

export class SharedPoolSearchQuery extends StorySearchQuery {
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'county must be a six-digit center code' })
  @ApiPropertyOptional({ description: 'only stories written by this center', example: '360702' })
  county?: string;
}
