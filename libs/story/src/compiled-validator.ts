import { TransformationType } from 'class-transformer';
import type { MetadataStorage as TransformMetadataStorage } from 'class-transformer/types/MetadataStorage';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import type { ValidationArguments } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { validationRulesGeneration } from './validation-metadata-cache';

// The store plainToInstance reads its @Type metadata from; the package has no typed entry for it, only this file.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: TransformMetadataStorage };

type Ctor = new () => object;
type Check = (value: unknown, args: ValidationArguments) => unknown;

interface Rule {
  each: boolean;
  validateIf?: (object: object, value: unknown) => boolean;
  validate: Check;
  metadata: ValidationMetadata;
}

interface PropertyPlan {
  name: string;
  conditions: ((object: object, value: unknown) => boolean)[];
  rules: Rule[];
  /** The class of a @ValidateNested property, from its @Type (resolved on first use: classes may refer to each other). */
  nested?: () => Plan | undefined;
}

interface Plan {
  cls: Ctor;
  properties: PropertyPlan[];
  byName: Map<string, PropertyPlan>;
}

let generation = -1;
let plans = new WeakMap<Ctor, Plan | null>();

/**
 * What class-transformer's `plainToInstance` followed by class-validator's `validate(…, { whitelist:
 * true, forbidNonWhitelisted: true })` would answer for a valid object, without the two walks that build
 * a copy, a ValidationError per property and an arguments object per rule.
 *
 * The rules are class-validator's own: the plan of a class is read once from its metadata storage
 * (the property list, conditions such as @IsOptional, and each rule's registered validator) and the
 * same validator functions are called with the same constraints. The answer is one-sided on purpose:
 * an instance when every rule holds, `undefined` for anything else, including any shape the plan does
 * not model (async rules, @Expose/@Exclude/@Transform, nested values that are not plain objects). The
 * caller then runs class-validator itself, which names the fields exactly as before; a poison message
 * therefore still reaches the dead letters with class-validator's reason.
 */
export function compiledValidate<T extends object>(cls: new () => T, plain: object): T | undefined {
  const plan = planOf(cls);
  return plan ? (build(plan, plain) as T | undefined) : undefined;
}

/** Whether the class's rules compiled into a plan (otherwise every object of it goes to class-validator). */
export function hasCompiledPlan(cls: new () => object): boolean {
  return !!planOf(cls);
}

function planOf(cls: Ctor): Plan | undefined {
  const current = validationRulesGeneration();
  if (current !== generation) {
    generation = current;
    plans = new WeakMap();
  }
  let plan = plans.get(cls);
  if (plan === undefined) {
    plan = compile(cls);
    plans.set(cls, plan);
  }
  return plan ?? undefined;
}

/** null when the class uses anything the plan does not reproduce exactly: class-validator then decides alone. */
function compile(cls: Ctor): Plan | null {
  const storage = getMetadataStorage();
  const metadatas = storage.getTargetValidationMetadatas(cls, undefined as unknown as string, false, false);
  if (!metadatas.length) return null; // forbidUnknownValues: class-validator refuses these objects
  if (defaultMetadataStorage.getStrategy(cls) !== 'none') return null;
  if (defaultMetadataStorage.getExposedMetadatas(cls).length || defaultMetadataStorage.getExcludedMetadatas(cls).length) return null;

  const grouped = storage.groupByPropertyName(metadatas);
  const properties: PropertyPlan[] = [];
  for (const [name, list] of Object.entries(grouped)) {
    if (!list.length) continue;
    // class-transformer skips keys that are accessors or methods of the prototype; keep those to class-validator.
    if (name in cls.prototype) return null;
    if (defaultMetadataStorage.findTransformMetadatas(cls, name, TransformationType.PLAIN_TO_CLASS).length) return null;
    const property: PropertyPlan = { name, conditions: [], rules: [] };
    let nested = false;
    for (const m of list) {
      switch (m.type) {
        case ValidationTypes.CONDITIONAL_VALIDATION:
          property.conditions.push(m.constraints[0] as (object: object, value: unknown) => boolean);
          break;
        case ValidationTypes.CUSTOM_VALIDATION:
          for (const c of storage.getTargetValidatorConstraints(m.constraintCls)) {
            if (c.async) return null;
            const instance = c.instance as { validate: Check };
            property.rules.push({ each: m.each, validateIf: m.validateIf, validate: instance.validate.bind(instance), metadata: m });
          }
          break;
        case ValidationTypes.NESTED_VALIDATION:
          nested = true;
          break;
        default:
          return null; // IsDefined, promise validation, whitelist-only entries: not modelled
      }
    }
    const type = defaultMetadataStorage.findTypeMetadata(cls, name);
    if (nested !== !!type) return null; // nested without @Type is a plain object to class-validator; @Type without nesting is unvalidated
    if (type) {
      // A discriminator picks the class per value; a Set or Map design type makes arrays into those.
      if (type.options?.discriminator || type.reflectedType === Set || type.reflectedType === Map) return null;
      const target = type.typeFunction() as Ctor;
      if (typeof target !== 'function') return null;
      property.nested = () => planOf(target);
    }
    properties.push(property);
  }
  return { cls, properties, byName: new Map(properties.map((p) => [p.name, p])) };
}

function build(plan: Plan, plain: object): object | undefined {
  const source = plain as Record<string, unknown>;
  const keys = Object.keys(source);
  // forbidNonWhitelisted: a key without rules is refused.
  for (const key of keys) if (!plan.byName.has(key)) return undefined;
  for (const p of plan.properties) if (!holds(plan, p, source, source[p.name])) return undefined;

  // The copy plainToInstance makes: a new instance, keys in the source's order, nested classes instantiated.
  const instance = new plan.cls() as Record<string, unknown>;
  for (const key of keys) {
    const value = source[key];
    const nested = plan.byName.get(key)!.nested;
    if (nested && value !== null && typeof value === 'object') {
      const nestedPlan = nested()!;
      if (Array.isArray(value)) {
        const out: object[] = [];
        for (const element of value) {
          const built = build(nestedPlan, element as object);
          if (!built) return undefined;
          out.push(built);
        }
        instance[key] = out;
      } else {
        const built = build(nestedPlan, value);
        if (!built) return undefined;
        instance[key] = built;
      }
    } else {
      instance[key] = Array.isArray(value) ? value.slice() : value;
    }
  }
  return instance;
}

/** One property as class-validator's executor judges it, for values the plan models. */
function holds(plan: Plan, p: PropertyPlan, object: Record<string, unknown>, value: unknown): boolean {
  for (const condition of p.conditions) if (!condition(object, value)) return true;
  for (const rule of p.rules) {
    if (rule.validateIf && !rule.validateIf(object, value)) continue;
    const args: ValidationArguments = {
      targetName: plan.cls.name,
      property: rule.metadata.propertyName,
      object,
      value,
      constraints: rule.metadata.constraints,
    };
    if (rule.each && Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) if (!passed(rule.validate(value[i], args))) return false;
    } else if (!passed(rule.validate(value, args))) {
      return false;
    }
  }
  if (p.nested) {
    if (value === undefined) return true; // class-validator's nested check skips undefined
    const nestedPlan = p.nested();
    if (!nestedPlan || value === null || typeof value !== 'object') return false;
    // The nested objects themselves are checked while they are built.
    if (Array.isArray(value)) return everyElement(value, (e) => e !== null && typeof e === 'object' && !Array.isArray(e));
    return true;
  }
  // Without @Type, class-transformer deep-copies objects into plain ones; only primitives and arrays of them are modelled.
  if (value !== null && typeof value === 'object') {
    return Array.isArray(value) && everyElement(value, (e) => e === null || typeof e !== 'object');
  }
  return true;
}

/** Array.every that also visits holes (as undefined): JSON has none, and an object that has them is left to class-validator. */
function everyElement(values: unknown[], test: (e: unknown) => boolean): boolean {
  for (let i = 0; i < values.length; i++) if (!test(values[i])) return false;
  return true;
}

/** A rule's answer as class-validator reads it: truthy passes; a promise is async and not modelled. */
function passed(result: unknown): boolean {
  return !!result && typeof (result as { then?: unknown }).then !== 'function';
}
