import 'reflect-metadata';
import type { DynamicModule, Provider, Type } from '@nestjs/common';
import { PERSISTENCE_PARTS, PersistenceModule, PersistencePart } from '@syn/persistence';

type ModuleRef = Type | DynamicModule | Promise<DynamicModule> | { forwardRef: () => Type };

/**
 * The PersistencePart list an app module composes, found by walking its imports the way Nest would
 * (static @Module metadata and dynamic modules) down to PersistenceModule.forRoot(). Reading the real
 * module tree instead of a copied list means an app that adds a lib is checked with it automatically.
 */
export function persistencePartsOf(appModule: Type): PersistencePart[] {
  const seen = new Set<unknown>();
  const found: PersistencePart[][] = [];

  const visit = (ref: ModuleRef | undefined) => {
    if (!ref || seen.has(ref)) return;
    seen.add(ref);
    if (ref instanceof Promise) throw new Error(`${appModule.name} imports an async dynamic module; the migration check cannot read it`);
    if ('forwardRef' in ref) return visit(ref.forwardRef());
    if (typeof ref === 'function') return visitImports(Reflect.getMetadata('imports', ref) as ModuleRef[] | undefined);
    if (ref.module === PersistenceModule) {
      const provider = (ref.providers ?? []).find((p: Provider) => typeof p === 'object' && 'provide' in p && p.provide === PERSISTENCE_PARTS);
      if (provider && 'useValue' in provider) found.push(provider.useValue as PersistencePart[]);
    }
    visit(ref.module);
    visitImports(ref.imports as ModuleRef[] | undefined);
  };
  const visitImports = (imports: ModuleRef[] | undefined) => imports?.forEach(visit);

  visit(appModule);
  if (found.length !== 1) throw new Error(`${appModule.name} should configure PersistenceModule once, found ${found.length}`);
  return found[0];
}
