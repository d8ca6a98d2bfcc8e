import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Author, MediaRef, PRIORITIES, StoryContent } from '@syn/contracts';
import type { Priority } from '@syn/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { PageQuery } from '@syn/persistence';
import { STORY_STATUSES } from './story.entity';
import type { StoryStatus } from './story.entity';
import { HolderView, ReviewStateView } from '../county-review/review-view';
import { FeedbackView } from '../feedback/feedback-view';

/** What an editor sends to create a story; list fields may be left out and default to empty. */
export class CreateStoryDto extends StoryContent {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => Author)
  @ApiPropertyOptional({ type: () => [Author] })
  override authors!: Author[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(30, { each: true })
  @ApiPropertyOptional({ type: [String] })
  override tags!: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => MediaRef)
  @ApiPropertyOptional({ type: () => [MediaRef] })
  override mediaRefs!: MediaRef[];

  @IsOptional()
  @IsIn(PRIORITIES)
  @ApiPropertyOptional({ enum: PRIORITIES, default: 'normal' })
  override priority!: Priority;

  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'regionCode must be a six-digit GB/T 2260 code' })
  @ApiPropertyOptional({ description: 'defaults to the center’s own code' })
  override regionCode!: string;

  @IsOptional()
  @IsUUID(undefined, { message: 'topicId must be a UUID' })
  @ApiPropertyOptional({ description: 'the topic (选题) from the topic inbox this story answers' })
  topicId?: string;
}

export class UpdateStoryDto extends PartialType(CreateStoryDto) {}

export class ListStoriesQuery extends PageQuery {
  @IsOptional()
  @IsIn(STORY_STATUSES)
  @ApiPropertyOptional({ enum: STORY_STATUSES })
  status?: StoryStatus;

  @IsOptional()
  @IsIn(['exclude', 'include', 'only'])
  @ApiPropertyOptional({ enum: ['exclude', 'include', 'only'], default: 'exclude', description: 'withdrawn (撤稿) stories are left out unless asked for' })
  withdrawn?: 'exclude' | 'include' | 'only';
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
  @ApiPropertyOptional({ description: 'the topic (选题) this story answers' }) topicId!: string | null;
  @ApiPropertyOptional() submittedVersion!: number | null;
  @ApiPropertyOptional() submittedTo!: string | null;
  @ApiPropertyOptional() decisionReason!: string | null;
  @ApiPropertyOptional() decidedBy!: string | null;
  @ApiPropertyOptional() decidedAt!: string | null;
  @ApiPropertyOptional({ description: 'set when the story was withdrawn (撤稿)' }) withdrawnAt!: string | null;
  @ApiPropertyOptional() withdrawalReason!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiPropertyOptional({ type: () => ReviewStateView, description: '三审: where the county’s own review stands' }) review?: ReviewStateView;
  @ApiPropertyOptional({ type: () => HolderView, description: 'who holds the story now' }) holder?: HolderView | null;
  @ApiPropertyOptional({ type: () => [FeedbackView], description: '采用反馈: who used it, where, when (single story only)' }) feedback?: FeedbackView[];
}
