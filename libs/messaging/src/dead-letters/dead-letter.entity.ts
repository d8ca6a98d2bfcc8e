import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A message that could not be applied, parked with the reason so the stream behind it keeps moving. */
// Made by the migrations (descending or partial indexes, which entity metadata cannot express): declared so schema diffs leave them alone.
@Index('dead_letters_consumer_seq', { synchronize: false })
@Entity('dead_letters')
export class DeadLetterEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'text' })
  consumer!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'bigint', nullable: true })
  streamSeq!: string | null;

  @Column({ type: 'uuid', nullable: true })
  eventId!: string | null;

  @Column({ type: 'text', nullable: true })
  eventType!: string | null;

  /** Raw bytes as text (cut at 1 MiB), exactly as received, for diagnosis and replay. */
  @Column({ type: 'text' })
  payload!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'int', default: 1 })
  deliveryCount!: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  replayedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  replayError!: string | null;
}
