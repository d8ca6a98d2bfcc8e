import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One state change of one story at one center: who did what, and the fields before and after. */
@Entity('audit_log')
@Index('audit_log_story', ['centerCode', 'storyId', 'at', 'id'])
export class AuditEntryEntity {
  /** UUIDv7, so the id also orders entries written in the same millisecond. */
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'char', length: 6 }) centerCode!: string;
  @Column({ type: 'uuid' }) storyId!: string;
  /** User id, or the name a remote center gave (e.g. a hub's curator), qualified by actorCenter. */
  @Column({ type: 'text' }) actor!: string;
  @Column({ type: 'text' }) actorName!: string;
  @Column({ type: 'char', length: 6 }) actorCenter!: string;
  @Column({ type: 'text' }) action!: string;
  @Column({ type: 'jsonb', nullable: true }) before!: Record<string, unknown> | null;
  @Column({ type: 'jsonb', nullable: true }) after!: Record<string, unknown> | null;
  @Column({ type: 'timestamptz' }) at!: Date;
}
