import type { MediaOfferPlain } from './media-transfer.client';

/**
 * The HTTP byte path between neighbours: `PUT /transfer/v1/media/:sha256` (a child's bytes up,
 * from `x-syn-media-offset`, described by the offer in `x-syn-media-offer`) and
 * `GET /transfer/v1/media/:sha256?fromCenter&toCenter&storyId&offset` (a parent's bytes down, the
 * offer answered in the same header). The offer travels as base64url JSON: a caption is Chinese
 * text, which an HTTP header cannot carry as it is.
 */
export const MEDIA_TRANSFER_PATH = 'transfer/v1/media';
export const MEDIA_OFFER_HEADER = 'x-syn-media-offer';
export const MEDIA_OFFSET_HEADER = 'x-syn-media-offset';

export function encodeOfferHeader(offer: MediaOfferPlain): string {
  return Buffer.from(JSON.stringify(offer)).toString('base64url');
}

/** The header's offer as sent, for the gate to validate; anything unreadable is an empty object, which fails validation naming every field. */
export function decodeOfferHeader(v: string | string[] | undefined): unknown {
  if (typeof v !== 'string') return {};
  try {
    return JSON.parse(Buffer.from(v, 'base64url').toString('utf8')) as unknown;
  } catch {
    return {};
  }
}

/** A row naming a story's object as it travels: a transfer queued, or a link the parent holds. */
export interface OfferRow {
  origin_code: string;
  kind: string;
  caption: string | null;
  embargo_until: Date | null;
}

/** The offer describing an object of a story on one hop, from the row that names it. */
export function offerFor(hop: { fromCenter: string; toCenter: string; storyId: string; sha256: string }, row: OfferRow, size: number): MediaOfferPlain {
  return {
    ...hop,
    originCode: row.origin_code,
    kind: row.kind,
    caption: row.caption ?? '',
    embargoUntil: row.embargo_until ? row.embargo_until.toISOString() : '',
    size: String(size),
  };
}
