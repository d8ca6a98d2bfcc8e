import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Ids of events whose effect is committed; recorded in the same transaction as the effect. */
@Entity('inbox')
export class InboxEntity {
  @PrimaryColumn({ type: 'uuid' })
  eventId!: string;

  @Column({ type: 'text' })
  consumer!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  processedAt!: Date;
}
