import { MigrationInterface, QueryRunner } from 'typeorm';

export class RelayDeliveries1764100500000 implements MigrationInterface {
  name = 'RelayDeliveries1764100500000';

  async up(q: QueryRunner): Promise<void> {
    // Which hop sent what to whom: corrections and takedowns follow these rows to every copy.
    await q.query(`
      CREATE TABLE relay_deliveries (
        id bigserial PRIMARY KEY,
        item_kind text NOT NULL,
        item_id uuid NOT NULL,
        direction text NOT NULL CHECK (direction IN ('up','down')),
        from_code char(6) NOT NULL,
        to_code char(6) NOT NULL,
        event_type text NOT NULL,
        event_id uuid NOT NULL UNIQUE,
        relayed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX relay_deliveries_item ON relay_deliveries (item_kind, item_id, from_code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE relay_deliveries`);
  }
}
