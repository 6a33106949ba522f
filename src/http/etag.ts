import { createHash } from 'node:crypto';

/** A strong ETag for a response body. */
export function etagFor(body: string | Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url').slice(0, 27)}"`;
}
