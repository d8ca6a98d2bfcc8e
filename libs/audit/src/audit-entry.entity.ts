import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One state change at one center (of a story, or of another subject): who did what, and the fields before and after. */
// audit_log_center is descending, made by the migration: declared so schema diffs leave it alone.
@Entity('audit_log')
@Index('audit_log_story', ['centerCode', 'storyId', 'at', 'id'])
@Index('audit_log_center', { synchronize: false })
@Check('audit_log_subject_check', 'story_id IS NOT NULL OR subject IS NOT NULL')
export class AuditEntryEntity {
  /** UUIDv7, so the id also orders entries written in the same millisecond. */
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'char', length: 6 }) centerCode!: string;
  @Column({ type: 'uuid', nullable: true }) storyId!: string | null;
  /** What changed when it is not a story: `topic:<id>`, `release:<id>`, `user:<id>`, `review-policy`, `points-weights` … */
  @Column({ type: 'text', nullable: true }) subject!: string | null;
  /** User id, or the name a remote center gave (e.g. a hub's curator), qualified by actorCenter. */
  @Column({ type: 'text' }) actor!: string;
  @Column({ type: 'text' }) actorName!: string;
  @Column({ type: 'char', length: 6 }) actorCenter!: string;
  @Column({ type: 'text' }) action!: string;
  @Column({ type: 'jsonb', nullable: true }) before!: Record<string, unknown> | null;
  @Column({ type: 'jsonb', nullable: true }) after!: Record<string, unknown> | null;
  @Column({ type: 'timestamptz' }) at!: Date;
}
