import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Author, MediaRef, Priority } from '@syn/contracts';
import type { ReviewStage, Signoff } from '../county-review/review-steps';

export const STORY_STATUSES = ['draft', 'submitted', 'accepted', 'rejected', 'returned'] as const;
export type StoryStatus = (typeof STORY_STATUSES)[number];

/** A story as its origin center holds it: the current version plus where it stands upstream. */
// Made by the migrations (descending or partial indexes, which entity metadata cannot express): declared so schema diffs leave them alone.
@Index('stories_center_status', { synchronize: false })
@Index('stories_center_live', { synchronize: false })
@Check('stories_version_check', `version >= 1`)
@Check('stories_status_check', `status IN ('draft','submitted','accepted','rejected','returned')`)
@Check('stories_review_stage_check', `review_stage IN ('none','first','second','final')`)
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

  @Column({ type: 'jsonb', default: () => "'[]'" })
  authors!: Author[];

  @Column({ type: 'text' })
  category!: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags!: string[];

  @Column({ type: 'char', length: 6 })
  regionCode!: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
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

  /** The topic (选题) this story answers, if any; travels with the story upstream. */
  @Column({ type: 'uuid', nullable: true })
  topicId!: string | null;

  /** 三审 of the current version: the highest step signed, and who signed each. An edit starts over. */
  @Column({ type: 'text', default: 'none' })
  reviewStage!: ReviewStage;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  reviewSignoffs!: Signoff[];

  /** Why a reviewer sent the story back to its writer, until the next sign-off. */
  @Column({ type: 'text', nullable: true })
  sentBackReason!: string | null;

  /** The county user who last acted on the story and answers for it while it is in the county. */
  @Column({ type: 'text', nullable: true })
  holderId!: string | null;

  @Column({ type: 'text', nullable: true })
  holderName!: string | null;

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
