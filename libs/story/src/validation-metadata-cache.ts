import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

type Lookup = (target: object, schema: string | undefined, always: boolean, strictGroups: boolean, groups?: string[]) => ValidationMetadata[];
type Grouping = (metadata: ValidationMetadata[]) => Record<string, ValidationMetadata[]>;

const INSTALLED = Symbol.for('syn.validationMetadataCache');
const GENERATION = Symbol.for('syn.validationRulesGeneration');

/** Grows whenever a rule is registered, so plans built from the rules (compiled-validator) know when to rebuild. */
export function validationRulesGeneration(): number {
  return ((getMetadataStorage() as unknown as Record<PropertyKey, number>)[GENERATION] ??= 0);
}

/**
 * Makes class-validator look up a class's rules once instead of on every object it validates.
 *
 * class-validator 0.15 finds a class's inherited rules by testing `instanceof` against every
 * decorated class of the process, on every object and nested object it validates (the scan is
 * typestack/class-validator#2686, still open). An app here holds a few hundred decorated classes,
 * so the scan and its regrouping were ~5% of the province's CPU, ahead of the rules themselves, for
 * a result that cannot change once the classes are loaded. The answer is kept per class and
 * option set, and every cached answer is dropped when a class registers a rule, so a class loaded
 * later is never validated against a stale list. The rules, their messages and the whitelist are
 * class-validator's own: only the lookup is remembered.
 *
 * Process-wide (class-validator keeps one metadata store per process, which Nest's ValidationPipe
 * shares) and idempotent.
 */
export function cacheValidationMetadata(): void {
  const storage = getMetadataStorage() as unknown as Record<PropertyKey, unknown> & {
    getTargetValidationMetadatas: Lookup;
    groupByPropertyName: Grouping;
    addValidationMetadata: (m: ValidationMetadata) => void;
  };
  if (storage[INSTALLED]) return;
  storage[INSTALLED] = true;

  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  let plainLookups = new WeakMap<object, ValidationMetadata[]>();
  let lookups = new WeakMap<object, Map<string, ValidationMetadata[]>>();
  let groupings = new WeakMap<ValidationMetadata[], Record<string, ValidationMetadata[]>>();

  storage.addValidationMetadata = (m) => {
    storage[GENERATION] = validationRulesGeneration() + 1;
    plainLookups = new WeakMap();
    lookups = new WeakMap();
    groupings = new WeakMap();
    add(m);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    // The decoder's and the HTTP pipe's call (no schema, groups or flags): one map hit, no key to build.
    if (schema === undefined && !always && !strictGroups && !groups?.length) {
      let plain = plainLookups.get(target);
      if (!plain) plainLookups.set(target, (plain = lookup(target, schema, always, strictGroups, groups)));
      return plain;
    }
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${(groups ?? []).join('\u0001')}`;
    let perTarget = lookups.get(target);
    if (!perTarget) lookups.set(target, (perTarget = new Map()));
    let found = perTarget.get(key);
    if (!found) perTarget.set(key, (found = lookup(target, schema, always, strictGroups, groups)));
    return found;
  };
  // Called right after the lookup with its answer, so the cached array is the key.
  storage.groupByPropertyName = (metadata) => {
    let grouped = groupings.get(metadata);
    if (!grouped) groupings.set(metadata, (grouped = group(metadata)));
    return grouped;
  };
}
