import { IsInt, IsISO8601, IsOptional, IsUUID, Matches, Min } from 'class-validator';
import { StoryContent } from './story-content';

/** The full state of one version of a story; every story event carries one, never a diff. */
export class StorySnapshot extends StoryContent {
  @IsUUID()
  id!: string;

  /** The center where the story was written. */
  @Matches(/^\d{6}$/, { message: 'originCode must be a six-digit center code' })
  originCode!: string;

  @IsInt()
  @Min(1)
  version!: number;

  /** sha256 over the canonical content; receivers recompute it. */
  @Matches(/^[0-9a-f]{64}$/, { message: 'contentHash must be a sha256 hex digest' })
  contentHash!: string;

  @IsISO8601()
  createdAt!: string;

  @IsISO8601()
  updatedAt!: string;

  /**
   * The topic (选题) this story answers, travelling with it. Outside the content hash on purpose,
   * and left out entirely when there is none, so stories without a topic look exactly as before.
   */
  @IsOptional()
  @IsUUID()
  topicId?: string;
}
