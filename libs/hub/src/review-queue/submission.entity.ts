import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { StorySnapshot } from '@syn/contracts';

export const SUBMISSION_STATUSES = ['pending', 'accepted', 'rejected', 'returned'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** A story waiting in (or decided by) the hub's review queue; holds the submitted version in full. */
// Made by the migrations (descending or partial indexes, which entity metadata cannot express): declared so schema diffs leave them alone.
@Index('submissions_queue', { synchronize: false })
@Check('submissions_status_check', `status IN ('pending','accepted','rejected','returned')`)
@Entity('submissions')
export class SubmissionEntity {
  @PrimaryColumn({ type: 'uuid' }) storyId!: string;
  @Column({ type: 'char', length: 6 }) hubCode!: string;
  @Column({ type: 'char', length: 6 }) originCode!: string;
  @Column({ type: 'int' }) version!: number;
  @Column({ type: 'jsonb' }) snapshot!: StorySnapshot;
  @Column({ type: 'char', length: 64 }) contentHash!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) status!: SubmissionStatus;
  @Column({ type: 'text' }) submittedBy!: string;
  @Column({ type: 'timestamptz' }) submittedAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) receivedAt!: Date;
  @Column({ type: 'text', nullable: true }) decidedBy!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt!: Date | null;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  /** The curator working on it, until the claim expires (see ClaimService). */
  @Column({ type: 'text', nullable: true }) claimedBy!: string | null;
  @Column({ type: 'text', nullable: true }) claimedByName!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) claimExpiresAt!: Date | null;
  /** Set when a newer version replaced an earlier entry: what became of the earlier one. */
  @Column({ type: 'int', nullable: true }) previousVersion!: number | null;
  @Column({ type: 'text', nullable: true }) previousStatus!: SubmissionStatus | null;
  @Column({ type: 'text', nullable: true }) previousReason!: string | null;
}
