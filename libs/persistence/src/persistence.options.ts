import type { EntitySchema } from 'typeorm';

/** An entity or migration class; TypeORM instantiates it itself, so its parameters do not matter here. */
export type PersistenceClass = abstract new (...args: never[]) => unknown;

/** What each lib contributes to an app's database: its entities and the migrations that create them. */
export interface PersistencePart {
  entities: Array<PersistenceClass | EntitySchema>;
  migrations: Array<PersistenceClass>;
}

export interface PersistenceOptions {
  parts: PersistencePart[];
}

/** Injection token holding the PersistencePart list an app's PersistenceModule was built from. */
export const PERSISTENCE_PARTS = Symbol('PERSISTENCE_PARTS');
