import type { MixedList, EntitySchema } from 'typeorm';

/** What each lib contributes to an app's database: its entities and the migrations that create them. */
export interface PersistencePart {
  entities: Array<Function | EntitySchema>;
  migrations: Array<Function>;
}

export interface PersistenceOptions {
  parts: PersistencePart[];
}

export type EntityList = MixedList<Function | string | EntitySchema>;
