import type { Client } from 'pg';
import { DataSource } from 'typeorm';
import { guardConnectionErrors } from './connection-error-guard';
import { PersistencePart } from './persistence.options';
import { prepareRepeatedWrites, RepeatedWriteStatements } from './repeated-write-statements';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** Pool settings that differ between a serving app and a one-off tool; everything else is fixed here. */
export interface AppDataSourceSettings {
  url: string;
  applicationName: string;
  poolSize?: number;
}

/** The migrations of all parts in the order they run: timestamp order, whichever lib they come from. */
export function orderedMigrations(parts: PersistencePart[]) {
  return parts.flatMap((p) => p.migrations).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The one way an app's DataSource is built (naming strategy, entities, migrations, timeouts), shared by
 * PersistenceModule and the CI check that compares the migrated schema with the entities, so the two
 * can never disagree about what "the schema" is.
 */
export function createAppDataSource(parts: PersistencePart[], settings: AppDataSourceSettings): DataSource {
  const writes = new RepeatedWriteStatements();
  return new DataSource({
    type: 'postgres',
    url: settings.url,
    entities: parts.flatMap((p) => p.entities),
    migrations: orderedMigrations(parts),
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    extra: {
      max: settings.poolSize ?? 10,
      application_name: settings.applicationName,
      // A lost server or a cut connection must surface as an error the caller retries,
      // never as a request or a consumer batch waiting forever.
      connectionTimeoutMillis: 10_000,
      statement_timeout: 60_000,
      idle_in_transaction_session_timeout: 60_000,
      // JIT compiles a plan for 10–20 ms once its estimated cost is high; our queries run
      // in a few milliseconds (a search's worst plan estimated high and then spent more
      // time compiling than executing), so it only ever adds latency here.
      // lz4 instead of pglz for the values PostgreSQL compresses (story bodies, snapshots, event
      // envelopes, ranking vectors): pglz_compress was the server's hottest function in the bench,
      // and lz4 does the same in about half the time, and reads back faster.
      options: '-c jit=off -c default_toast_compression=lz4',
      keepAlive: true,
      onConnect: (client: Client) => {
        guardConnectionErrors(client);
        prepareRepeatedWrites(client, writes);
      },
    },
  });
}
