import { getMetadataStorage, ValidationError } from 'class-validator';

/** One wrong field of a request, in a form a desk can translate without reading the English. */
export interface FieldError {
  /** `title`, `authors[0].name`, `tags[1]` */
  field: string;
  /** the class-validator constraint name: isNotEmpty, maxLength, isIn, isUUID, whitelistValidation … */
  code: string;
  /** the constraint's numbers or choices, e.g. { max: 200 } or { values: ['normal', 'urgent'] } */
  params: Record<string, unknown>;
  /** the English message, as in `message[]` */
  message: string;
}

/** How a constraint's arguments are named in `params`; constraints not listed pass theirs as `constraints`. */
const PARAM_NAMES: Record<string, string[]> = {
  maxLength: ['max'],
  minLength: ['min'],
  length: ['min', 'max'],
  max: ['max'],
  min: ['min'],
  arrayMaxSize: ['max'],
  arrayMinSize: ['min'],
  isIn: ['values'],
  isNotIn: ['values'],
  isEnum: ['values'],
  matches: ['pattern'],
  isUUID: ['version'],
  maxDate: ['max'],
  minDate: ['min'],
};

/** Walks class-validator's errors into one entry per failed constraint, with the decorator's arguments. */
export function fieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = /^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([code, message]) => ({ field, code, params: paramsOf(e, code), message: `${field}: ${message}` }));
    return [...own, ...fieldErrors(e.children ?? [], field)];
  });
}

function paramsOf(e: ValidationError, code: string): Record<string, unknown> {
  const target = e.target?.constructor;
  if (!target || code === 'whitelistValidation') return {};
  const meta = getMetadataStorage()
    .getTargetValidationMetadatas(target, '', true, false)
    .find((m) => m.propertyName === e.property && (m.name ?? m.type) === code);
  const args = meta?.constraints?.filter((c) => c !== undefined && c !== null) ?? [];
  if (!args.length) return {};
  const names = PARAM_NAMES[code];
  if (!names) return { constraints: args.map(plain) };
  if (code === 'isEnum') return { values: Object.values(args[0] as object) };
  return Object.fromEntries(names.map((n, i) => [n, plain(args[i])]).filter(([, v]) => v !== undefined));
}

/** RegExps and Dates become strings so the answer is plain JSON. */
function plain(v: unknown): unknown {
  if (v instanceof RegExp) return v.source;
  if (v instanceof Date) return v.toISOString();
  return v;
}
