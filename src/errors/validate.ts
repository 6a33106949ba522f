import type { z } from 'zod';
import { AppError, type FieldErrors } from './app-error.js';

/**
 * Parses `input` with a zod schema; on failure throws `JD_ERR_VALIDATION` whose `fields` map
 * each field path (`source.url`, `tags.2`) to a message.
 *
 * @example
 * const input = parseOrThrow(articleInputSchema, body);
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join('.') || '_';
    fields[path] ??= issue.message;
  }
  throw new AppError('JD_ERR_VALIDATION', {}, { fields });
}
