import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An event written in the same transaction as the change it announces; the relay publishes it. */
@Entity('outbox')
@Index('outbox_unsent', ['seq'], { where: 'sent_at IS NULL' })
export class OutboxEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  seq!: string;

  @Column({ type: 'uuid', unique: true })
  eventId!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text' })
  type!: string;

  /** The serialised envelope, published byte for byte. */
  @Column({ type: 'text' })
  envelope!: string;

  /** The request the event came from (x-request-id), published as a message header; null for work no request started. */
  @Column({ type: 'text', nullable: true })
  requestId!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;
}
