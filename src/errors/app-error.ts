import { errorCodes, type ErrorCode } from './codes.js';

/** Field-level messages for validation errors: field path → message. */
export type FieldErrors = Record<string, string>;

/**
 * The one error type code in `src/` throws. It carries a catalogue code, the params that fill
 * the message template, and for validation errors a map of field messages.
 *
 * @example
 * throw new AppError('JD_ERR_CONTENT_ARTICLE_NOT_FOUND', { id: 42 });
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly isPublic: boolean;
  readonly params: Readonly<Record<string, unknown>>;
  readonly fields: FieldErrors | undefined;
  /**
   * Public data the JSON error response carries beside `error`, e.g. `current` (the stored
   * item) on a version conflict, so a client can merge instead of overwriting.
   */
  readonly extra: Readonly<Record<string, unknown>> | undefined;

  constructor(code: ErrorCode, params: Record<string, unknown> = {}, options: { fields?: FieldErrors; cause?: unknown; extra?: Record<string, unknown> } = {}) {
    const spec = errorCodes[code];
    super(fill(spec.message, params), { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = spec.status;
    this.isPublic = spec.isPublic;
    this.params = Object.freeze({ ...params });
    this.fields = options.fields;
    this.extra = options.extra;
  }
}

function fill(template: string, params: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}

/** Whether a value is an AppError with the given code (or any AppError when no code is given). */
export function isAppError(value: unknown, code?: ErrorCode): value is AppError {
  return value instanceof AppError && (code === undefined || value.code === code);
}
