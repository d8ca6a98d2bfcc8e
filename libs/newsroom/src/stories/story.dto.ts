import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Author, MediaRef, PRIORITIES, type Priority, StoryContent } from '@syn/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { STORY_STATUSES, type StoryStatus } from './story.entity';

/** What an editor sends to create a story; list fields may be left out and default to empty. */
export class CreateStoryDto extends StoryContent {
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => Author)
  @ApiPropertyOptional({ type: () => [Author] })
  override authors!: Author[];

  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(30, { each: true })
  @ApiPropertyOptional({ type: [String] })
  override tags!: string[];

  @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => MediaRef)
  @ApiPropertyOptional({ type: () => [MediaRef] })
  override mediaRefs!: MediaRef[];

  @IsOptional() @IsIn(PRIORITIES)
  @ApiPropertyOptional({ enum: PRIORITIES, default: 'normal' })
  override priority!: Priority;

  @IsOptional() @Matches(/^\d{6}$/, { message: 'regionCode must be a six-digit GB/T 2260 code' })
  @ApiPropertyOptional({ description: 'defaults to the center’s own code' })
  override regionCode!: string;
}

export class UpdateStoryDto extends PartialType(CreateStoryDto) {}

export class ListStoriesQuery {
  @IsOptional() @IsIn(STORY_STATUSES)
  @ApiPropertyOptional({ enum: STORY_STATUSES })
  status?: StoryStatus;

  @IsOptional() @IsString() @MaxLength(200)
  @ApiPropertyOptional({ description: 'opaque cursor from the previous page' })
  cursor?: string;

  @IsOptional() @Matches(/^([1-9]|[1-9]\d|1\d\d|200)$/, { message: 'limit must be 1..200' })
  @ApiPropertyOptional({ default: '50' })
  limit?: string;
}

export class StoryView {
  @ApiProperty() id!: string;
  @ApiProperty() centerCode!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: STORY_STATUSES }) status!: StoryStatus;
  @ApiProperty({ description: '中文 label of the status' }) statusLabel!: string;
  @ApiProperty() title!: string;
  @ApiPropertyOptional() summary!: string | null;
  @ApiProperty() body!: string;
  @ApiProperty() byline!: string;
  @ApiProperty({ type: () => [Author] }) authors!: Author[];
  @ApiProperty() category!: string;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty() regionCode!: string;
  @ApiProperty({ type: () => [MediaRef] }) mediaRefs!: MediaRef[];
  @ApiProperty() priority!: string;
  @ApiPropertyOptional() embargoUntil!: string | null;
  @ApiProperty() contentHash!: string;
  @ApiPropertyOptional() submittedVersion!: number | null;
  @ApiPropertyOptional() submittedTo!: string | null;
  @ApiPropertyOptional() decisionReason!: string | null;
  @ApiPropertyOptional() decidedBy!: string | null;
  @ApiPropertyOptional() decidedAt!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}
