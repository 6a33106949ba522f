import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A new random secret: `bytes` bytes from the OS CSPRNG as base64url, with an optional prefix
 * (`jd_` marks API tokens so that secret scanners and people can recognise them).
 *
 * @example
 * const token = newSecret(32, 'jd_'); // 'jd_' + 43 characters
 */
export function newSecret(bytes = 32, prefix = ''): string {
  return prefix + randomBytes(bytes).toString('base64url');
}

/**
 * SHA-256 of a secret, hex. Sessions and tokens are stored this way: they are 256-bit random
 * values, so a fast hash is enough (no dictionary to guess from), and a stolen database holds
 * nothing that signs anyone in.
 */
export function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** Compares two strings in time that does not depend on where they differ. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  // Compare against itself on a length mismatch so that the time stays about the same.
  return x.length === y.length ? timingSafeEqual(x, y) : (timingSafeEqual(x, x), false);
}
