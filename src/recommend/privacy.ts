import { hash, randomBytes } from 'node:crypto';

/** A day in milliseconds: how long one salt lives. */
const DAY_MS = 86_400_000;

/**
 * Whether the reader asked not to be tracked: `DNT: 1` (Do Not Track) or `Sec-GPC: 1` (Global
 * Privacy Control). Such a beacon is answered like any other and then dropped whole: it is not
 * counted, its session is not tracked and its address is not even hashed. Counting it
 * anonymously would be defensible, but "nothing at all" is the one promise that is easy to
 * check and explain, and the page's script does not send the beacon in the first place.
 */
export function optedOut(headers: { readonly [name: string]: string | string[] | undefined }): boolean {
  return headers.dnt === '1' || headers['sec-gpc'] === '1';
}

/**
 * Random session ids made by the page's script (hex or base64url, 16 to 64 characters). The
 * server never issues one and never stores one; see beacon-script.ts for how they live.
 */
export const SESSION_ID = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * Salted hashes of client addresses, for rate limiting and for de-duplicating beacons that carry
 * no session. The salt is 32 random bytes made in memory, replaced every UTC day and never
 * written anywhere, so a hash cannot be traced back to an address by brute force over the IPv4
 * space, and hashes of different days cannot be linked. (SHA-256 over salt and value rather than
 * an HMAC: nothing is ever verified against these, and the one-shot hash costs a quarter of the
 * time on the request path.) Hashes themselves live only in bounded
 * in-memory maps; no address, hashed or not, reaches the database.
 *
 * @example
 * const hasher = new AddressHasher(() => Date.now());
 * limiter.take(hasher.hash(req.ip));
 */
export class AddressHasher {
  readonly #now: () => number;
  #day = -1;
  #salt = '';

  constructor(now: () => number) {
    this.#now = now;
  }

  /** A short salted hash of `value` (an address, or address and user agent) under today's salt. */
  hash(value: string): string {
    const day = Math.floor(this.#now() / DAY_MS);
    if (day !== this.#day) {
      // Yesterday's salt is dropped here and cannot be recovered; its hashes simply age out.
      this.#salt = randomBytes(32).toString('hex');
      this.#day = day;
    }
    // 96 bits are plenty to keep addresses apart in maps of at most a few hundred thousand keys.
    return hash('sha256', this.#salt + value, 'base64url').slice(0, 16);
  }
}
