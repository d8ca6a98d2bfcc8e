import { STORY_SUBMITTED, subjectOf } from '@syn/contracts';
import { OUTBOX_CHANNEL } from '@syn/messaging';
import type { Pool } from 'pg';
import { submittedEnvelope } from './bare-payloads';

const CHUNK = 500;

/**
 * Writes a catch-up backlog straight into a county app's database, exactly as `submit` would
 * have left it had `count` editors submitted while the hub was down: each story row in state
 * submitted, and its story.submitted event in the outbox. The county's own relay then publishes
 * it. This skips 2 × count HTTP requests that are not what catch-up measures (the drain is),
 * and keeps the full run under 15 minutes.
 */
export async function seedBacklog(
  db: Pool,
  hub: string,
  counties: string[],
  count: number,
  firstSerial: number,
  paragraphs: string[],
  onProgress: (n: number) => void,
): Promise<void> {
  for (let done = 0; done < count;) {
    const n = Math.min(CHUNK, count - done);
    const events = Array.from({ length: n }, (_, i) => {
      const county = counties[(done + i) % counties.length];
      return { county, envelope: submittedEnvelope(paragraphs, firstSerial + done + i, county, `压测编辑${county}`) };
    });
    const client = await db.connect();
    try {
      await client.query('BEGIN');
      const stories = events.map(({ county, envelope }) => {
        const s = envelope.payload.story;
        return {
          id: s.id,
          center_code: county,
          version: 1,
          status: 'submitted',
          title: s.title,
          summary: null,
          body: s.body,
          byline: s.byline,
          authors: s.authors,
          category: s.category,
          tags: s.tags,
          region_code: s.regionCode,
          media_refs: [],
          priority: s.priority,
          embargo_until: null,
          content_hash: s.contentHash,
          submitted_version: 1,
          submitted_to: hub,
          submitted_at: envelope.payload.submittedAt,
          created_by: `bench-${county}`,
          created_at: s.createdAt,
          updated_at: s.updatedAt,
        };
      });
      await client.query(
        `INSERT INTO stories (id, center_code, version, status, title, summary, body, byline, authors, category, tags, region_code, media_refs, priority,
                              embargo_until, content_hash, submitted_version, submitted_to, submitted_at, created_by, created_at, updated_at)
         SELECT id, center_code, version, status, title, summary, body, byline, authors, category, tags, region_code, media_refs, priority,
                embargo_until, content_hash, submitted_version, submitted_to, submitted_at, created_by, created_at, updated_at
         FROM json_populate_recordset(NULL::stories, $1::json)`,
        [JSON.stringify(stories)],
      );
      await client.query(`INSERT INTO outbox (event_id, subject, type, envelope) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[])`, [
        events.map((e) => e.envelope.id),
        events.map((e) => subjectOf({ direction: 'up', parent: hub, child: e.county, type: STORY_SUBMITTED })),
        events.map(() => STORY_SUBMITTED),
        events.map((e) => JSON.stringify(e.envelope)),
      ]);
      await client.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
    done += n;
    onProgress(done);
  }
}
