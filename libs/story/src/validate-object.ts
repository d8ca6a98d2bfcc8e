import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { compiledValidate } from './compiled-validator';
import { cacheValidationMetadata } from './validation-metadata-cache';

// Every app validates its bus payloads through here, and its HTTP bodies with the same class-validator store.
cacheValidationMetadata();

export class ObjectValidationError extends Error {
  constructor(readonly fields: string[]) {
    super(fields.join('; '));
    this.name = 'ObjectValidationError';
  }
}

/** Flattens nested class-validator errors into `path.to.field: message` lines. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => `${path}: ${m}`);
    return [...own, ...flattenValidationErrors(e.children ?? [], path)];
  });
}

/**
 * Validates untrusted data (a bus payload, a gRPC request) into a class instance, or throws with every bad field.
 * Valid objects take the plan compiled from the class's rules (compiled-validator); anything it does not accept
 * goes through class-transformer and class-validator, which decide and name the fields.
 */
export async function validateObject<T extends object>(cls: new () => T, plain: unknown): Promise<T> {
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) throw new ObjectValidationError(['payload: must be an object']);
  const fast = compiledValidate(cls, plain);
  if (fast) return fast;
  const instance = plainToInstance(cls, plain);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw new ObjectValidationError(flattenValidationErrors(errors));
  return instance;
}
