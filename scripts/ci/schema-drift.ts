import { createAppDataSource, PersistencePart } from '@syn/persistence';

/**
 * Runs every migration of an app on an empty database, then asks TypeORM what it would still change
 * to make the schema match the entities: the statements `migration:generate` would write. An empty
 * list means the migrations and the entities agree.
 */
export async function schemaDrift(parts: PersistencePart[], url: string): Promise<string[]> {
  const dataSource = createAppDataSource(parts, { url, applicationName: 'syn-check-migrations', poolSize: 2 });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const pending = await dataSource.driver.createSchemaBuilder().log();
    return pending.upQueries.map((q) => q.query.replace(/\s+/g, ' ').trim());
  } finally {
    await dataSource.destroy();
  }
}
