/**
 * What the same-work floor's three processes share: its stream and subjects (routed like the
 * product's, `floor.up.<parent>.<child>.<type>`), the ids of its stories and the tables of its
 * three databases. Ids are derived from a story's serial number so the bench can watch for a
 * story the publisher process writes without asking it.
 */
export const FLOOR_STREAM = 'FLOOR';
export const FLOOR_SUBJECTS = 'floor.up.>';
export const FLOOR_HUB_DURABLE = 'floor-hub';
export const FLOOR_PROVINCE_DURABLE = 'floor-province';
/** Core NATS request subject on which the publisher takes its orders (publish n stories at a rate). */
export const FLOOR_CONTROL = 'floor.control.publish';

export const submittedSubject = (hub: string, county: string) => `floor.up.${hub}.${county}.story.submitted`;
export const pooledSubject = (province: string, hub: string) => `floor.up.${province}.${hub}.story.pooled`;
export const SUBMITTED_FILTER = 'floor.up.*.*.story.submitted';
export const POOLED_FILTER = 'floor.up.*.*.story.pooled';

const hex12 = (n: number) => n.toString(16).padStart(12, '0');
export const floorStoryId = (serial: number) => `f1000000-0000-7000-8000-${hex12(serial)}`;
export const floorEventId = (serial: number) => `f2000000-0000-7000-8000-${hex12(serial)}`;
export const floorPooledEventId = (serial: number) => `f3000000-0000-7000-8000-${hex12(serial)}`;

/** An order to the publisher: stories first…first+count-1, at `rate` per second (0: as fast as it can). */
export interface PublishOrder {
  first: number;
  count: number;
  rate: number;
}

export const INBOX_DDL = `CREATE TABLE IF NOT EXISTS floor_inbox (event_id uuid PRIMARY KEY, received_at timestamptz NOT NULL DEFAULT now())`;
export const OUTBOX_DDL = `CREATE TABLE IF NOT EXISTS floor_outbox (event_id uuid PRIMARY KEY, subject text NOT NULL, envelope text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(), published_at timestamptz)`;

export const COUNTY_DDL = [
  OUTBOX_DDL,
  `CREATE TABLE IF NOT EXISTS floor_stories (id uuid PRIMARY KEY, center_code text NOT NULL, version int NOT NULL, status text NOT NULL,
     title text NOT NULL, body text NOT NULL, content_hash text NOT NULL, submitted_to text NOT NULL, submitted_at timestamptz NOT NULL)`,
];

export const HUB_DDL = [
  INBOX_DDL,
  OUTBOX_DDL,
  `CREATE TABLE IF NOT EXISTS floor_pool (story_id uuid PRIMARY KEY, hub_code text NOT NULL, origin_code text NOT NULL, version int NOT NULL,
     title text NOT NULL, body text NOT NULL, content_hash text NOT NULL, category text, simhash bigint NOT NULL, near_duplicate_of uuid, lexemes tsvector NOT NULL, pooled_at timestamptz NOT NULL DEFAULT now())`,
  `CREATE INDEX IF NOT EXISTS floor_pool_lexemes_gin ON floor_pool USING gin (lexemes)`,
  // The SimHash's four 16-bit bands, one row each, the fingerprint in the index: a probe key is one
  // btree lookup whose candidates are checked from the index alone, never the wide pool row.
  `CREATE TABLE IF NOT EXISTS floor_bands (band_key int NOT NULL, simhash bigint NOT NULL, story_id uuid NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS floor_bands_key ON floor_bands (band_key) INCLUDE (simhash, story_id)`,
];

export const PROVINCE_DDL = [
  INBOX_DDL,
  `CREATE TABLE IF NOT EXISTS floor_index (story_id uuid PRIMARY KEY, hub_code text NOT NULL, origin_code text NOT NULL, version int NOT NULL,
     title text NOT NULL, category text, simhash bigint NOT NULL, lexemes tsvector NOT NULL, pooled_at timestamptz NOT NULL,
     indexed_at timestamptz NOT NULL DEFAULT now())`,
  `CREATE INDEX IF NOT EXISTS floor_index_lexemes_gin ON floor_index USING gin (lexemes)`,
];
