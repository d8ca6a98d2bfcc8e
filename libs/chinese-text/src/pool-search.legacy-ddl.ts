import { POOL_SEARCH_TABLES, type SearchTables } from './pool-search.sql';

/**
 * The schema of the first search design (hand-made postings with BM25 impacts and a counted
 * lexicon), kept only because the migrations that created it import these statements. The
 * migrations named "ranked search" replace it (pool-search.sql.ts, docs/search-design.md); new
 * code must not use anything here.
 */

/** Table names of the replaced design, derived from the set's prefix. */
function legacy(t: SearchTables) {
  return { ...t, terms: `${t.prefix}_terms`, lexicon: `${t.prefix}_lexicon`, lexiconPending: `${t.prefix}_lexicon_pending` };
}

/** Statements for a migration's up(), in order. */
export function searchDdl(set: SearchTables): string[] {
  const t = legacy(set);
  return [
    `CREATE TABLE ${t.docs} (
    story_id      uuid PRIMARY KEY REFERENCES ${t.texts} (${t.textsKey}) ON DELETE CASCADE,
    -- Dense surrogate: 8-byte keys in the postings table instead of 16-byte
    -- uuids, and a recency order for ties ("newer first").
    doc_no        bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    scope_code    text NOT NULL,
    hub_code      text NOT NULL,
    origin_code   text,
    category      text,
    tags          text[] NOT NULL DEFAULT '{}',
    pooled_at     timestamptz NOT NULL,
    word_count    integer NOT NULL,
    lexemes       tsvector NOT NULL,
    simhash       bigint NOT NULL,
    simhash_bands integer[] NOT NULL
  )`,
    `CREATE INDEX ${t.docs}_lexemes_gin ON ${t.docs} USING gin (lexemes)`,
    `CREATE INDEX ${t.docs}_simhash_bands_gin ON ${t.docs} USING gin (simhash_bands)`,
    `CREATE INDEX ${t.docs}_origin_pooled ON ${t.docs} (scope_code, origin_code, pooled_at)`,
    `CREATE INDEX ${t.docs}_category_pooled ON ${t.docs} (scope_code, category, pooled_at)`,
    `CREATE INDEX ${t.docs}_pooled ON ${t.docs} (scope_code, pooled_at)`,
    `CREATE INDEX ${t.docs}_tags_gin ON ${t.docs} USING gin (tags)`,
    `CREATE TABLE ${t.terms} (
    scope_code  text NOT NULL,
    term        text NOT NULL,
    impact      smallint NOT NULL,
    doc_no      bigint NOT NULL REFERENCES ${t.docs} (doc_no) ON DELETE CASCADE,
    hub_code    text NOT NULL,
    origin_code text,
    category    text,
    pooled_at   timestamptz NOT NULL,
    PRIMARY KEY (doc_no, term)
  )`,
    `CREATE INDEX ${t.terms}_rank ON ${t.terms} (scope_code, term, impact DESC, doc_no DESC)
    INCLUDE (hub_code, origin_code, category, pooled_at)`,
    // Searches touch a few hundred index entries; starting parallel workers
    // costs more (measured ~17 ms per Gather on the 2-core hub) than the scan.
    `ALTER TABLE ${t.docs} SET (parallel_workers = 0)`,
    `ALTER TABLE ${t.terms} SET (parallel_workers = 0)`,
    // The planner needs per-word row estimates to choose between the postings
    // index and the GIN path; the default 100 most-common values is too few.
    `ALTER TABLE ${t.terms} ALTER COLUMN term SET STATISTICS 1000`,
    `CREATE TABLE ${t.lexicon} (
    term text PRIMARY KEY,
    df   integer NOT NULL
  )`,
  ];
}

/**
 * Postings are removed with their story by a delete trigger on the docs table instead of the
 * foreign key searchDdl created: the key's check ran once per posting on insert (~66 per story,
 * a fifth of the insert's time), while stories are removed rarely. Applied by a later migration.
 */
export function postingsCleanupDdl(set: SearchTables): string[] {
  const t = legacy(set);
  return [
    `ALTER TABLE ${t.terms} DROP CONSTRAINT IF EXISTS ${t.terms}_doc_no_fkey`,
    `CREATE OR REPLACE FUNCTION ${t.terms}_drop_postings() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       DELETE FROM ${t.terms} WHERE doc_no = OLD.doc_no;
       RETURN NULL;
     END $$`,
    `CREATE TRIGGER ${t.terms}_drop_postings AFTER DELETE ON ${t.docs}
     FOR EACH ROW EXECUTE FUNCTION ${t.terms}_drop_postings()`,
  ];
}

/** Undoes postingsCleanupDdl (the foreign key comes back). */
export function postingsCleanupDrop(set: SearchTables): string[] {
  const t = legacy(set);
  return [
    `DROP TRIGGER IF EXISTS ${t.terms}_drop_postings ON ${t.docs}`,
    `DROP FUNCTION IF EXISTS ${t.terms}_drop_postings()`,
    `DELETE FROM ${t.terms} x WHERE NOT EXISTS (SELECT 1 FROM ${t.docs} d WHERE d.doc_no = x.doc_no)`,
    `ALTER TABLE ${t.terms} ADD CONSTRAINT ${t.terms}_doc_no_fkey FOREIGN KEY (doc_no) REFERENCES ${t.docs} (doc_no) ON DELETE CASCADE`,
  ];
}

/** Reverse order of searchDdl's tables, for the migration's down(). */
export function searchDrop(set: SearchTables): string[] {
  const t = legacy(set);
  return [`DROP TABLE IF EXISTS ${t.lexicon}`, `DROP TABLE IF EXISTS ${t.terms}`, `DROP TABLE IF EXISTS ${t.docs}`];
}

/** The table of stories not yet counted (a later migration adds it to existing sets). */
export function lexiconPendingDdl(set: SearchTables): string[] {
  const t = legacy(set);
  return [`CREATE TABLE IF NOT EXISTS ${t.lexiconPending} (doc_no bigint PRIMARY KEY)`];
}

export function lexiconPendingDrop(set: SearchTables): string[] {
  const t = legacy(set);
  return [`DROP TABLE IF EXISTS ${t.lexiconPending}`];
}

export const POOL_SEARCH_DDL: readonly string[] = searchDdl(POOL_SEARCH_TABLES);
export const POOL_SEARCH_DROP: readonly string[] = searchDrop(POOL_SEARCH_TABLES);
export const POOL_POSTINGS_CLEANUP_DDL: readonly string[] = postingsCleanupDdl(POOL_SEARCH_TABLES);
export const POOL_POSTINGS_CLEANUP_DROP: readonly string[] = postingsCleanupDrop(POOL_SEARCH_TABLES);
export const POOL_LEXICON_PENDING_DDL: readonly string[] = lexiconPendingDdl(POOL_SEARCH_TABLES);
export const POOL_LEXICON_PENDING_DROP: readonly string[] = lexiconPendingDrop(POOL_SEARCH_TABLES);
