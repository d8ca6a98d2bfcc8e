import type { StorySnapshot } from '@syn/contracts';
import { PoisonMessageError } from '@syn/messaging';
import { contentHash, sanitizeBody } from '@syn/story';

/** A story whose hash does not match its content was corrupted or forged on the way: never store it. */
export function assertContentHash(s: StorySnapshot, eventId: string): void {
  const actual = contentHash(s);
  if (actual !== s.contentHash) {
    throw new PoisonMessageError(
      `event ${eventId}: story ${s.id} v${s.version} content hash mismatch (claims ${s.contentHash.slice(0, 12)}…, content hashes to ${actual.slice(0, 12)}…)`,
    );
  }
}

/**
 * The hash check, and the HTML check where a story first enters a center from the one that wrote
 * it: origins sanitise before sending, so a body that still changes under sanitising was not made
 * by us.
 */
export function assertSnapshotIntegrity(s: StorySnapshot, eventId: string): void {
  assertContentHash(s, eventId);
  if (sanitizeBody(s.body) !== s.body) {
    throw new PoisonMessageError(`event ${eventId}: story ${s.id} v${s.version} carries unsafe HTML`);
  }
}
