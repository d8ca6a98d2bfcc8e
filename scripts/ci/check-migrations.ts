// First: the app modules below validate the env as they are imported.
import './placeholder-app-env';
import type { Type } from '@nestjs/common';
import { createTestDatabase } from '@syn/testing';
import { CityModule } from '../../apps/city/src/city.module';
import { CountyModule } from '../../apps/county/src/county.module';
import { ProvinceModule } from '../../apps/province/src/province.module';
import { persistencePartsOf } from './app-persistence-parts';
import { schemaDrift } from './schema-drift';

/**
 * CI check: for each app, a fresh database gets all its migrations, and the schema TypeORM derives
 * from the entities must then need no change. A failure lists the statements a migration is missing
 * (or an entity declares wrongly). The databases are dropped afterwards, pass or fail.
 *
 * What the comparison covers, and what it deliberately does not:
 * - Tables with an entity: columns, types, nullability, defaults, primary keys, uniques, checks,
 *   foreign keys and indexes. Indexes that are descending or partial are made by raw SQL in the
 *   migrations and declared on the entity with `@Index(name, { synchronize: false })`, so the
 *   comparison knows them without trying to rebuild them.
 * - Tables without an entity (search postings and lexicons, statistics, distribution ledgers written
 *   with SQL), triggers and functions: TypeORM only compares the tables its entities name and never
 *   looks at triggers or functions, so these live in the migrations alone and are checked by the
 *   specs and e2e tests that use them, not here.
 */
const APPS: Record<string, Type> = { county: CountyModule, city: CityModule, province: ProvinceModule };

async function main(): Promise<number> {
  let failures = 0;
  for (const [app, module] of Object.entries(APPS)) {
    const db = await createTestDatabase(`check_migrations_${app}`);
    try {
      const drift = await schemaDrift(persistencePartsOf(module), db.url);
      if (drift.length === 0) {
        console.log(`${app}: migrations match the entities`);
      } else {
        failures++;
        console.error(`${app}: the entities need ${drift.length} statement(s) the migrations do not make:`);
        for (const statement of drift) console.error(`  ${statement};`);
      }
    } finally {
      await db.drop();
    }
  }
  if (failures > 0) console.error('Write a migration for these (or fix the entity), then run npm run check:migrations again.');
  return failures > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(2);
  },
);
