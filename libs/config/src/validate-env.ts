import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

/** Thrown at boot when the environment is unusable; lists every bad variable at once. */
export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n  - ${problems.join('\n  - ')}`);
    this.name = 'InvalidEnvironmentError';
  }
}

/** Variables whose values must never appear in an error or a log line. */
export const SECRET_VARIABLE = /SECRET|PASSWORD|TOKEN|KEY$|_KEY_/i;

function shown(property: string, value: unknown): string {
  if (value === undefined) return 'nothing';
  if (SECRET_VARIABLE.test(property)) return `a hidden value of ${String(value).length} characters`;
  // A URL's password (postgres://user:pw@host) is a secret too.
  return JSON.stringify(value).replace(/(\/\/[^:/@\s"]+):[^@\s"]+@/g, '$1:***@');
}

function describe(errors: ValidationError[]): string[] {
  return errors.flatMap((e) => Object.values(e.constraints ?? {}).map((message) => `${e.property}: ${message} (got ${shown(e.property, e.value)})`));
}

/**
 * Reads env into a validated class so that a typo in a variable fails the boot with its name,
 * instead of surfacing later as an undefined somewhere deep inside a request.
 */
export function validateEnv<T extends object>(cls: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const instance = plainToInstance(cls, { ...env }, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(instance, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) throw new InvalidEnvironmentError(describe(errors));
  return instance;
}
