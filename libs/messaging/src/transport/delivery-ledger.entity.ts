import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const DELIVERY_KINDS = ['delivery', 'correction', 'withdrawal'] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];
export const RECEIPT_STATUSES = ['none', 'pending', 'confirmed'] as const;
export type ReceiptStatus = (typeof RECEIPT_STATUSES)[number];
/** What travelled: a story, or one of the items distribution relays hop by hop. */
export const ITEM_KINDS = ['story', 'topic', 'release', 'adoption', 'topic-answer', 'release-receipt', 'ledger'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/**
 * One row per (sender, item, holder): the latest version of the item `sender` sent to its
 * neighbour `holder`, by which event, and whether a receipt came back. Every hop of every item
 * (stories up and down, topics, releases, adoptions, answers, receipts, ledger entries) is
 * recorded here, so corrections and takedowns reach exactly the centers the original reached.
 * Rows with `via` were learnt from a receipt forwarded by `via`.
 */
// Made by the migrations (descending or partial indexes, which entity metadata cannot express): declared so schema diffs leave them alone.
@Index('delivery_ledger_pending', { synchronize: false })
@Index('delivery_ledger_item', { synchronize: false })
@Check('delivery_ledger_kind_check', `kind IN ('delivery','correction','withdrawal')`)
@Check('delivery_ledger_receipt_status_check', `receipt_status IN ('none','pending','confirmed')`)
@Check('delivery_ledger_item_kind_check', `item_kind IN ('story','topic','release','adoption','topic-answer','release-receipt','ledger')`)
@Entity('delivery_ledger')
export class DeliveryLedgerEntry {
  @PrimaryColumn({ type: 'char', length: 6 }) sender!: string;
  @PrimaryColumn({ type: 'text' }) itemKind!: ItemKind;
  @PrimaryColumn({ type: 'uuid' }) itemId!: string;
  @PrimaryColumn({ type: 'char', length: 6 }) holder!: string;
  @Column({ type: 'int' }) version!: number;
  @Column({ type: 'text' }) kind!: DeliveryKind;
  @Column({ type: 'text' }) receiptStatus!: ReceiptStatus;
  @Column({ type: 'text', nullable: true }) receiptOutcome!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) receiptAt!: Date | null;
  @Column({ type: 'char', length: 6, nullable: true }) via!: string | null;
  @Column({ type: 'text', nullable: true }) eventType!: string | null;
  @Column({ type: 'uuid', nullable: true }) eventId!: string | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) sentAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) alertedAt!: Date | null;
}
