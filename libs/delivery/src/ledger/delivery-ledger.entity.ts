import { Column, Entity, PrimaryColumn } from 'typeorm';

export const DELIVERY_KINDS = ['delivery', 'correction', 'withdrawal'] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];
export const RECEIPT_STATUSES = ['none', 'pending', 'confirmed'] as const;
export type ReceiptStatus = (typeof RECEIPT_STATUSES)[number];

/**
 * One row per (sender, story, holder): the latest version `sender` delivered to `holder` and
 * whether a receipt came back. Rows with `via` were learnt from a receipt forwarded by `via`.
 */
@Entity('delivery_ledger')
export class DeliveryLedgerEntry {
  @PrimaryColumn({ type: 'char', length: 6 }) sender!: string;
  @PrimaryColumn({ type: 'uuid' }) storyId!: string;
  @PrimaryColumn({ type: 'char', length: 6 }) holder!: string;
  @Column({ type: 'int' }) version!: number;
  @Column({ type: 'text' }) kind!: DeliveryKind;
  @Column({ type: 'text' }) receiptStatus!: ReceiptStatus;
  @Column({ type: 'text', nullable: true }) receiptOutcome!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) receiptAt!: Date | null;
  @Column({ type: 'char', length: 6, nullable: true }) via!: string | null;
  @Column({ type: 'uuid', nullable: true }) eventId!: string | null;
  @Column({ type: 'timestamptz' }) sentAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) alertedAt!: Date | null;
}
