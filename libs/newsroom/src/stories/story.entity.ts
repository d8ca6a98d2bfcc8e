import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Author, MediaRef, Priority } from '@syn/contracts';

export const STORY_STATUSES = ['draft', 'submitted', 'accepted', 'rejected', 'returned'] as const;
export type StoryStatus = (typeof STORY_STATUSES)[number];

/** A story as its origin center holds it: the current version plus where it stands upstream. */
@Entity('stories')
@Index('stories_center_updated', ['centerCode', 'updatedAt', 'id'])
export class StoryEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'char', length: 6 })
  centerCode!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'text' })
  status!: StoryStatus;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', nullable: true })
  summary!: string | null;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'text' })
  byline!: string;

  @Column({ type: 'jsonb' })
  authors!: Author[];

  @Column({ type: 'text' })
  category!: string;

  @Column({ type: 'text', array: true })
  tags!: string[];

  @Column({ type: 'char', length: 6 })
  regionCode!: string;

  @Column({ type: 'jsonb' })
  mediaRefs!: MediaRef[];

  @Column({ type: 'text' })
  priority!: Priority;

  @Column({ type: 'timestamptz', nullable: true })
  embargoUntil!: Date | null;

  @Column({ type: 'char', length: 64 })
  contentHash!: string;

  /** The version last sent upstream, and what the parent decided about it. */
  @Column({ type: 'int', nullable: true })
  submittedVersion!: number | null;

  @Column({ type: 'char', length: 6, nullable: true })
  submittedTo!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  decisionReason!: string | null;

  @Column({ type: 'text', nullable: true })
  decidedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  /** 撤稿: set once, never cleared; the story then disappears from lists everywhere it went. */
  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  withdrawalReason!: string | null;

  @Column({ type: 'text', nullable: true })
  withdrawnBy!: string | null;

  @Column({ type: 'text' })
  createdBy!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
