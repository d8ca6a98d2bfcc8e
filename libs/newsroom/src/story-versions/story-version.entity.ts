import { Column, Entity, PrimaryColumn } from 'typeorm';

export type StoryVersionKind = 'created' | 'edited' | 'corrected' | 'withdrawn' | 'backfilled';

/** One version of a story as it was written, with who made it and when. */
@Entity('story_versions')
export class StoryVersionEntity {
  @PrimaryColumn({ name: 'story_id', type: 'uuid' })
  storyId: string;

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
