// How opencc-js reads text and dictionaries, code unit by code unit: shared by the tables.

/** Code units opencc-js steps over where nothing matches: one code point, or a whole ideographic description sequence. */
export function unmatchedLength(s: string, i: number, limit: number): number {
  const end = idsEnd(s, i, limit);
  return end > i ? end - i : codePointLength(s, i, limit);
}

// Ported from opencc-js core.js (getIdeographicDescriptionSequenceEnd), with the text ending at `limit`.
function idsEnd(s: string, i: number, limit: number): number {
  const cp = s.charCodeAt(i);
  const arity = cp >= 0x2ff0 && cp <= 0x2fff ? (cp === 0x2ff2 || cp === 0x2ff3 ? 3 : 2) : 0;
  if (arity === 0) return 0;
  let end = i + 1;
  for (let n = 0; n < arity; n += 1) {
    if (end >= limit) return 0;
    const childEnd = idsEnd(s, end, limit);
    end = childEnd || end + codePointLength(s, end, limit);
  }
  return end;
}

/** 2 at a surrogate pair that ends by `limit`, else 1: how opencc-js's `codePointAt` steps over a sliced text. */
export function codePointLength(s: string, i: number, limit: number): number {
  return i + 1 < limit && isHigh(s.charCodeAt(i)) && isLow(s.charCodeAt(i + 1)) ? 2 : 1;
}

/** A high (leading) surrogate. */
export function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/** A low (trailing) surrogate. */
export function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/**
 * Calls `fn` for each line of a serialized dictionary as opencc-js reads it: it refuses a line
 * without a space (its presets have none), ignores empty keys (they would sit on the trie's
 * root) and reads one value, dropping words after the second.
 */
export function forEachEntry(src: string, fn: (at: number, keyLength: number, valueLength: number) => void): void {
  for (let at = 0; at < src.length; ) {
    const lineEnd = indexOrEnd(src, '|', at);
    const space = src.indexOf(' ', at);
    if (space > at && space < lineEnd) fn(at, space - at, Math.min(indexOrEnd(src, ' ', space + 1), lineEnd) - space - 1);
    at = lineEnd + 1;
  }
}

function indexOrEnd(s: string, char: string, from: number): number {
  const at = s.indexOf(char, from);
  return at < 0 ? s.length : at;
}

/** Lines of a serialized dictionary: an upper bound on its entries. */
export function countLines(src: string): number {
  let n = 1;
  for (let at = src.indexOf('|'); at >= 0; at = src.indexOf('|', at + 1)) n++;
  return n;
}
