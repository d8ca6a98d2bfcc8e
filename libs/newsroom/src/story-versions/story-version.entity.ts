import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { StoryEntity } from '../stories/story.entity';

export type StoryVersionKind = 'created' | 'edited' | 'corrected' | 'withdrawn' | 'backfilled';

/** One version of a story as it was written, with who made it and when. */
@Check('story_versions_version_check', `version >= 1`)
@Check('story_versions_kind_check', `kind IN ('created','edited','corrected','withdrawn','backfilled')`)
@Entity('story_versions')
export class StoryVersionEntity {
  @PrimaryColumn({ name: 'story_id', type: 'uuid' })
  storyId: string;

  /** Declares the migration's foreign key (a story's versions go with it); code reads and writes storyId only. */
  @ManyToOne(() => StoryEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'story_id', foreignKeyConstraintName: 'story_versions_story_id_fkey' })
  story?: StoryEntity;

  @PrimaryColumn({ type: 'int' })
  version: number;

  @Column({ name: 'center_code', type: 'char', length: 6 })
  centerCode: string;

  @Column({ type: 'text' })
  kind: StoryVersionKind;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'jsonb' })
  content: Record<string, unknown>;

  @Column({ name: 'content_hash', type: 'char', length: 64 })
  contentHash: string;

  @Column({ name: 'by_user', type: 'text', nullable: true })
  byUser: string | null;

  @Column({ name: 'by_name', type: 'text', nullable: true })
  byName: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'timestamptz' })
  at: Date;
}
