import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What each desk watches, journaled by triggers in the transaction of every change (so an event
 * exists exactly when its change committed). `seq` is the event id a desk replays from: it is
 * stamped after commit by one stamper at a time (LiveFeedJournal), so the order desks see is
 * the commit order and a smaller id can never appear after a larger one was handed out.
 */
export class LiveFeedJournal1764101200200 implements MigrationInterface {
  name = 'LiveFeedJournal1764101200200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE live_feed_journal (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        seq bigint,
        center_code char(6) NOT NULL,
        event text NOT NULL,
        story_id uuid,
        data jsonb NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE SEQUENCE live_feed_seq AS bigint`);
    await q.query(`CREATE UNIQUE INDEX live_feed_journal_seq ON live_feed_journal (seq) INCLUDE (center_code) WHERE seq IS NOT NULL`);
    await q.query(`CREATE INDEX live_feed_journal_unstamped ON live_feed_journal (id) WHERE seq IS NULL`);
    // BRIN: rows arrive in time order, and the hourly prune is all it serves; nearly free to keep up.
    await q.query(`CREATE INDEX live_feed_journal_at ON live_feed_journal USING brin (at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE live_feed_journal`);
    await q.query(`DROP SEQUENCE live_feed_seq`);
  }
}
