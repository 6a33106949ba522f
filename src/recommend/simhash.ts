/**
 * SimHash fingerprints for near-duplicate detection (wire copies, lightly edited reposts).
 *
 * A fingerprint is 64 bits written as 16 lower-case hex digits, so that both databases store it
 * as plain text (a 64-bit integer would not survive a JS number or PostgreSQL's `bigint`
 * coming back as a string). Two texts whose fingerprints differ in few bits share most of
 * their word shingles.
 */

/** Bits in a fingerprint. */
export const SIMHASH_BITS = 64;

/**
 * Hamming distance at or below which two articles are near-duplicates. Tuned on the
 * evaluation corpus (testdata/related): wire copies of 150–300 characters, lightly edited
 * and some in the other script, land at 0–7 bits; the closest two different stories (same
 * topic, same section) at 18. Short texts make a 64-bit SimHash noisy (about ±2.5 bits at
 * these distances), so the threshold sits in the middle of that gap rather than at the
 * textbook 3, which missed half the wire copies. Unrelated texts average 32 bits.
 */
export const NEAR_DUPLICATE_BITS = 9;

/** Words per shingle: pairs keep word order without making one edited word cost too much. */
const SHINGLE_WORDS = 2;

/**
 * The SimHash of a sequence of (normalized, segmented) words, over overlapping shingles of
 * `SHINGLE_WORDS` words. Fewer words than one shingle hash as one shingle; no words give the
 * all-zero fingerprint.
 *
 * @example
 * simhash(segmenter.words(text)) // '9f3a…' (16 hex digits)
 */
export function simhash(words: readonly string[]): string {
  if (words.length === 0) return '0'.repeat(SIMHASH_BITS / 4);
  const votes = new Int32Array(SIMHASH_BITS);
  const last = Math.max(1, words.length - SHINGLE_WORDS + 1);
  for (let i = 0; i < last; i++) {
    const shingle = words.slice(i, i + SHINGLE_WORDS).join('\u0001');
    vote(votes, 0, hash32(shingle, 0x811c9dc5));
    vote(votes, 32, hash32(shingle, 0x01000193 ^ 0x9e3779b9));
  }
  let hi = 0;
  let lo = 0;
  for (let b = 0; b < 32; b++) {
    if (votes[b]! > 0) hi |= 1 << (31 - b);
    if (votes[32 + b]! > 0) lo |= 1 << (31 - b);
  }
  return hex32(hi) + hex32(lo);
}

/** Number of differing bits between two fingerprints. */
export function hamming(a: string, b: string): number {
  return popcount(parseInt(a.slice(0, 8), 16) ^ parseInt(b.slice(0, 8), 16)) + popcount(parseInt(a.slice(8, 16), 16) ^ parseInt(b.slice(8, 16), 16));
}

/** Whether two fingerprints are near-duplicates (see `NEAR_DUPLICATE_BITS`). */
export function isNearDuplicate(a: string, b: string): boolean {
  return hamming(a, b) <= NEAR_DUPLICATE_BITS;
}

function vote(votes: Int32Array, offset: number, h: number): void {
  for (let b = 0; b < 32; b++) votes[offset + b]! += (h >>> (31 - b)) & 1 ? 1 : -1;
}

// FNV-1a over UTF-16 code units, then murmur3's finalizer so that every input bit reaches
// every output bit (plain FNV leaves the high bits of short strings poorly mixed).
function hash32(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hex32(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

function popcount(n: number): number {
  let v = n >>> 0;
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
