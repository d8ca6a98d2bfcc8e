import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const DELIVERY_KINDS = ['delivery', 'correction', 'withdrawal'] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];
export const RECEIPT_STATUSES = ['none', 'pending', 'confirmed'] as const;
export type ReceiptStatus = (typeof RECEIPT_STATUSES)[number];

/**
 * One row per (sender, story, holder): the latest version `sender` delivered to `holder` and
 * whether a receipt came back. Rows with `via` were learnt from a receipt forwarded by `via`.
 */
// Made by the migrations (descending or partial indexes, which entity metadata cannot express): declared so schema diffs leave them alone.
@Index('delivery_ledger_pending', { synchronize: false })
@Index('delivery_ledger_story', { synchronize: false })
@Check('delivery_ledger_kind_check', `kind IN ('delivery','correction','withdrawal')`)
@Check('delivery_ledger_receipt_status_check', `receipt_status IN ('none','pending','confirmed')`)
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
  @Column({ type: 'timestamptz', default: () => 'now()' }) sentAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) alertedAt!: Date | null;
}
