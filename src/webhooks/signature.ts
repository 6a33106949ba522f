import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Header with the HMAC-SHA256 signature: `sha256=<hex>`. */
export const SIGNATURE_HEADER = 'x-jiaodian-signature';
/** Header with the Unix time (seconds) the attempt was signed at; it is part of what is signed. */
export const TIMESTAMP_HEADER = 'x-jiaodian-timestamp';
/** Header with the event name. */
export const EVENT_HEADER = 'x-jiaodian-event';
/** Header with the delivery id: the same on every retry, so receivers can drop duplicates. */
export const DELIVERY_HEADER = 'x-jiaodian-delivery';

/** A new signing secret: 32 random bytes, URL-safe. */
export function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/**
 * The signature of one attempt: HMAC-SHA256, keyed with the webhook's secret, of
 * `<timestamp>.<body>`. The timestamp is signed with the body so that a captured request cannot
 * be replayed later with a fresh timestamp header; receivers reject old timestamps.
 *
 * @example
 * sign(secret, 1793491200, '{"event":"article.published",…}') // 'sha256=5f0c…'
 */
export function sign(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * What a receiver does (and what the tests do): recompute the signature over the raw body and
 * the timestamp header, compare in constant time, and refuse timestamps more than
 * `toleranceSeconds` away from its own clock.
 *
 * @example
 * verify({ secret, body: rawBody, signature: req.headers['x-jiaodian-signature'],
 *   timestamp: req.headers['x-jiaodian-timestamp'], nowSeconds: Date.now() / 1000 })
 */
export function verify(input: { secret: string; body: string; signature: string | undefined; timestamp: string | undefined; nowSeconds: number; toleranceSeconds?: number }): boolean {
  const ts = Number(input.timestamp);
  if (!input.signature || !Number.isInteger(ts)) return false;
  if (Math.abs(input.nowSeconds - ts) > (input.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(sign(input.secret, ts, input.body));
  const given = Buffer.from(input.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
