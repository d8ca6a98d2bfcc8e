import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsUUID, Matches, Min } from 'class-validator';

export const DELIVERY_RECEIPT = 'delivery.receipt';
export const RECEIPT_KINDS = ['correction', 'withdrawal'] as const;
export type ReceiptKind = (typeof RECEIPT_KINDS)[number];
/** applied: the holder now has this version; stale: it already had it or newer; withdrawn: its tombstone won; not-held: it holds no copy. */
export const RECEIPT_OUTCOMES = ['applied', 'stale', 'withdrawn', 'not-held'] as const;
export type ReceiptOutcome = (typeof RECEIPT_OUTCOMES)[number];

/**
 * A center confirms that it received a correction or a takedown. Receipts go back hop by hop
 * toward the story's origin, so the origin and every hub on the way see who has confirmed.
 */
export class DeliveryReceipt {
  @IsUUID()
  storyId!: string;

  @Matches(/^\d{6}$/, { message: 'originCode must be a six-digit center code' })
  originCode!: string;

  @IsIn(RECEIPT_KINDS)
  kind!: ReceiptKind;

  @IsInt()
  @Min(1)
  version!: number;

  /** The center that holds the copy and confirms; differs from the hop's sender when forwarded. */
  @Matches(/^\d{6}$/, { message: 'holder must be a six-digit center code' })
  holder!: string;

  @IsIn(RECEIPT_OUTCOMES)
  outcome!: ReceiptOutcome;

  /** Centers the holder passed the change on to; their receipts will follow. */
  @IsArray()
  @ArrayMaxSize(500)
  @Matches(/^\d{6}$/, { each: true, message: 'relayedTo must hold six-digit center codes' })
  relayedTo!: string[];

  @IsISO8601()
  confirmedAt!: string;
}
