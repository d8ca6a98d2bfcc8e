import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';

export const LEDGER_REPORTED = 'ledger.reported';

/**
 * merged: a story folded into a near-duplicate family's kept story (refId), credited with it;
 * withdrawn: a takedown (撤稿), which reverses whatever points the story earned (entries stay).
 */
export const LEDGER_KINDS = ['submitted', 'accepted', 'rejected', 'adopted', 'republished', 'topic-answered', 'merged', 'withdrawn'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];
export const ADOPTION_LEVELS = ['province', 'city'] as const;
export type AdoptionLevel = (typeof ADOPTION_LEVELS)[number];

/**
 * One fact of the contribution ledger (稿件台账), reported up hop by hop so that every center above
 * holds the facts of its whole subtree. Entries are never edited; the id makes each hop idempotent.
 */
export class LedgerReported {
  @IsUUID()
  entryId!: string;

  @IsIn(LEDGER_KINDS)
  kind!: LedgerKind;

  @IsUUID()
  storyId!: string;

  @IsInt()
  @Min(1)
  storyVersion!: number;

  /** The center credited: where the story was written. */
  @Matches(/^\d{6}$/, { message: 'originCode must be a six-digit center code' })
  originCode!: string;

  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  authors!: string[];

  /** For adoptions: the level of the adopting desk. */
  @IsOptional()
  @IsIn(ADOPTION_LEVELS)
  level?: AdoptionLevel | null;

  @IsOptional()
  @IsString()
  @MaxLength(30)
  channel?: string | null;

  /** The center that did it: the reviewing hub, the adopter, the republisher, the answering center. */
  @Matches(/^\d{6}$/, { message: 'actorCode must be a six-digit center code' })
  actorCode!: string;

  /** The topic answered, the release republished, or the kept story a merged one was folded into. */
  @IsOptional()
  @IsUUID()
  refId?: string | null;

  /** The center whose ledger first recorded the fact. */
  @Matches(/^\d{6}$/, { message: 'recordedBy must be a six-digit center code' })
  recordedBy!: string;

  @IsISO8601()
  occurredAt!: string;
}
