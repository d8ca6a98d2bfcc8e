import { Inject, Injectable, Logger } from '@nestjs/common';
import { DeferredInserts } from '@syn/persistence';
import type { EntityManager } from 'typeorm';
import { MEDIA_STORE, MediaStore } from '../store/media-store';
import { PartialFiles } from './partial-files';

/**
 * Drops a center's hold on objects no live story there names any more, and the bytes of objects
 * no hosted center holds (with renditions nothing else uses), and the partial files of objects the
 * center no longer names. Rows go in the caller's transaction;
 * the bytes only after it commits, so a rolled-back takedown never loses a file.
 */
@Injectable()
export class MediaGc {
  private readonly logger = new Logger('MediaGc');

  constructor(
    @Inject(MEDIA_STORE) private readonly store: MediaStore,
    private readonly deferred: DeferredInserts,
    private readonly partials: PartialFiles,
  ) {}

  /** `uploads`: also the center's own uploads (the origin taking its story down), not only copies received. */
  async release(m: EntityManager, center: string, sha256s: readonly string[], uploads = false): Promise<string[]> {
    if (sha256s.length === 0) return [];
    await m.query(
      `DELETE FROM media_holdings h WHERE h.center_code = $1 AND h.sha256 = ANY($2::char(64)[]) AND (NOT h.uploaded OR $3)
          AND NOT EXISTS (SELECT 1 FROM media_links l WHERE l.center_code = h.center_code AND l.sha256 = h.sha256)`,
      [center, sha256s, uploads],
    );
    // No partial copy of an object this center no longer names stays behind (a takedown mid-transfer).
    const [unlinked]: Array<{ shas: string[] }> = await m.query(
      `SELECT COALESCE(array_agg(x), '{}') AS shas FROM unnest($2::char(64)[]) x
        WHERE NOT EXISTS (SELECT 1 FROM media_links l WHERE l.center_code = $1 AND l.sha256 = x)`,
      [center, sha256s],
    );
    if (unlinked && unlinked.shas.length > 0)
      this.deferred.afterCommit(m, () => {
        void this.partials
          .removeFor(center, unlinked.shas)
          .catch((e: Error) => this.logger.error({ msg: 'partial media files could not be removed', center, sha256s: unlinked.shas, err: e.message }));
      });
    const renditions: Array<{ rendition_sha256: string }> = await m.query(
      `SELECT r.rendition_sha256 FROM media_renditions r WHERE r.sha256 = ANY($1::char(64)[])
          AND NOT EXISTS (SELECT 1 FROM media_holdings h WHERE h.sha256 = r.sha256)`,
      [sha256s],
    );
    const [gone]: [Array<{ sha256: string }>, number] = await m.query(
      `DELETE FROM media_objects o WHERE o.sha256 = ANY($1::char(64)[]) AND NOT EXISTS (SELECT 1 FROM media_holdings h WHERE h.sha256 = o.sha256) RETURNING o.sha256`,
      [sha256s],
    );
    const goneSet = new Set(gone.map((g) => g.sha256));
    const candidates = [...goneSet, ...renditions.map((r) => r.rendition_sha256).filter((r) => !goneSet.has(r))];
    // A rendition's bytes may be another object's too (the same thumbnail of two identical photos is one file).
    const [stillUsed]: Array<{ used: string[] | null }> = await m.query(
      `SELECT array_agg(x) AS used FROM unnest($1::char(64)[]) x
        WHERE EXISTS (SELECT 1 FROM media_objects o WHERE o.sha256 = x) OR EXISTS (SELECT 1 FROM media_renditions r WHERE r.rendition_sha256 = x)`,
      [candidates],
    );
    const used = new Set(stillUsed?.used ?? []);
    const remove = candidates.filter((c) => !used.has(c));
    if (remove.length > 0) {
      this.deferred.afterCommit(m, () => {
        void Promise.all(remove.map((s) => this.store.delete(s))).catch((e) =>
          this.logger.error({ msg: 'media bytes could not be deleted', sha256s: remove, err: (e as Error).message }),
        );
      });
    }
    return [...goneSet];
  }
}
