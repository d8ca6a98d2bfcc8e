import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { STORY_LIMITS } from '@syn/contracts';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

export class FamilyMergeDto {
  @IsArray({ message: 'members must list the story ids to merge into this one' })
  @ArrayMinSize(1, { message: 'members must name at least one other story' })
  @ArrayMaxSize(19)
  @IsUUID(undefined, { each: true, message: 'members must be story ids (UUIDs)' })
  @ApiProperty({ type: [String], description: 'pending stories of the same family, merged away into this one' })
  members!: string[];

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(STORY_LIMITS.titleChars)
  @ApiPropertyOptional({ description: 'headline of the merged story; this story’s own by default' })
  title?: string;

  @IsOptional()
  @IsString()
  @MaxLength(STORY_LIMITS.summaryChars)
  @ApiPropertyOptional()
  summary?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(STORY_LIMITS.bylineChars)
  @ApiPropertyOptional({ description: 'byline of the merged story; by default every member’s byline, joined with ；' })
  byline?: string;
}
