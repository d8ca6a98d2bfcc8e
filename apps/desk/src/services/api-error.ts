/** One field's problem as the server reports it: new shape (`errors`) or decoded from today's messages. */
export interface FieldError {
  field: string;
  /** class-validator constraint name (isNotEmpty, maxLength, …) when known. */
  code?: string;
  params?: Record<string, unknown>;
  /** The server's own (English) message: the fallback when the code has no Chinese template. */
  message: string;
}

/** A failed API call: HTTP status (0 when the network failed), the server's code and messages, and field errors. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string | undefined,
    readonly fieldErrors: FieldError[],
    readonly body: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface ErrorBody {
  message?: string | string[];
  fields?: string[];
  errors?: { field: string; code?: string; params?: Record<string, unknown>; message?: string }[];
  code?: string;
}

/**
 * Today the server names the constraint only in English words; these recover the constraint
 * (and its number) so the desk can still say it in Chinese. Unknown messages keep the server text.
 */
const LEGACY_PATTERNS: { re: RegExp; code: string; param?: string }[] = [
  { re: /(must not|should not) be empty/, code: 'isNotEmpty' },
  { re: /shorter than or equal to (\d+) characters/, code: 'maxLength', param: 'max' },
  { re: /longer than or equal to (\d+) characters/, code: 'minLength', param: 'min' },
  { re: /must be one of the following values/, code: 'isIn' },
  { re: /must contain no more than (\d+) elements/, code: 'arrayMaxSize', param: 'max' },
  { re: /must be a UUID/, code: 'isUuid' },
  { re: /must be a string/, code: 'isString' },
  { re: /should not exist/, code: 'whitelistValidation' },
];

function legacyFieldError(line: string): FieldError | undefined {
  const at = line.indexOf(': ');
  if (at <= 0) return undefined;
  const field = line.slice(0, at);
  const message = line.slice(at + 2);
  for (const p of LEGACY_PATTERNS) {
    const m = p.re.exec(message);
    if (m) return { field, code: p.code, params: p.param ? { [p.param]: Number(m[1]) } : {}, message };
  }
  return { field, message };
}

/** Reads an error response body in either the current or the coming shape. */
export function decodeError(status: number, body: unknown): ApiError {
  const b = (body && typeof body === 'object' ? body : {}) as ErrorBody;
  const lines = Array.isArray(b.message) ? b.message : b.message ? [b.message] : [];
  let fieldErrors: FieldError[] = [];
  if (Array.isArray(b.errors)) {
    fieldErrors = b.errors.filter((e) => e && e.field).map((e) => ({ field: e.field, code: e.code, params: e.params ?? {}, message: e.message ?? '' }));
  } else if (Array.isArray(b.fields) && b.fields.length) {
    fieldErrors = lines.map(legacyFieldError).filter((e): e is FieldError => !!e);
  }
  return new ApiError(status, lines.join('; ') || `HTTP ${status}`, b.code, fieldErrors, body);
}
