import { countLines, forEachEntry, isHigh, isLow, unmatchedLength } from './opencc-text.js';

/**
 * One OpenCC dictionary group as a flat hash table, with opencc-js's matching rules: at each
 * position the longest key wins, measured in code points and never ending inside a surrogate
 * pair; on a key present in several dictionaries of the group the first dictionary wins.
 *
 * opencc-js builds a trie of nested `Map`s, one per node, again for every pair: this table keeps
 * offsets into the dictionary strings the package already holds, under 50 bytes a key.
 *
 * @example
 * const table = new DictTable([STPhrases, STCharacters]);
 * table.convert('头发', null, null) // '頭髮'
 */
export class DictTable {
  /** The group's dictionaries in the serialized "key value|key value" form; entries point into them. */
  readonly #sources: string[];
  /** Per entry: which source, where its key starts, and the key's and value's lengths in code units. */
  readonly #source: Uint8Array;
  readonly #start: Uint32Array;
  readonly #keyLength: Uint16Array;
  readonly #valueLength: Uint16Array;
  readonly #hash: Int32Array;
  /** Values cut out of the sources on first use: most entries are never output. */
  readonly #values: Array<string | undefined> = [];
  /** Entries whose value is their key: matching them bounds other matches but changes nothing. */
  readonly #same: Uint8Array;
  /** Open addressing: entry index per slot, -1 when empty. */
  readonly #slots: Int32Array;
  /** A key's first two code units → bit L set when a key of L code units (2 ≤ L ≤ 30) starts with them; bit 31 for longer keys. */
  readonly #prefixKey: Int32Array;
  readonly #prefixMask: Int32Array;
  readonly #prefixUsed: Uint8Array;
  /** Bitsets over code units: starts some key; is a whole key. Most positions stop at the first test. */
  readonly #first = new Int32Array(2048);
  readonly #single = new Int32Array(2048);
  readonly #maxKeyLength: number;
  #size = 0;

  /** `group` holds dictionaries in opencc-js's serialized form, "key value|key value", first one winning. */
  constructor(group: readonly string[]) {
    this.#sources = [...group];
    let lines = 0;
    for (const src of this.#sources) lines += countLines(src);
    this.#source = new Uint8Array(lines);
    this.#start = new Uint32Array(lines);
    this.#keyLength = new Uint16Array(lines);
    this.#valueLength = new Uint16Array(lines);
    this.#hash = new Int32Array(lines);
    this.#same = new Uint8Array(lines);
    this.#slots = new Int32Array(tableSize(lines)).fill(-1);
    // Loaded last to first with overwrites, like opencc-js's loadDictGroup: the first dictionary wins.
    for (let d = this.#sources.length - 1; d >= 0; d--) this.#load(d);
    const prefixes = new Set<number>();
    for (let e = 0; e < this.#size; e++) if (this.#keyLength[e]! > 1) prefixes.add(this.#prefixOf(e));
    this.#prefixKey = new Int32Array(tableSize(prefixes.size));
    this.#prefixMask = new Int32Array(this.#prefixKey.length);
    this.#prefixUsed = new Uint8Array(this.#prefixKey.length);
    let longest = 0;
    for (let e = 0; e < this.#size; e++) {
      const length = this.#keyLength[e]!;
      const src = this.#sources[this.#source[e]!]!;
      const c0 = src.charCodeAt(this.#start[e]!);
      longest = Math.max(longest, length);
      setBit(this.#first, c0);
      if (length === 1) setBit(this.#single, c0);
      else this.#addPrefix(this.#prefixOf(e), length > 30 ? 1 << 31 : 1 << length);
    }
    this.#maxKeyLength = longest;
  }

  /** Bitset over code units of the first units of every key; a text with none of them cannot match. */
  get firstUnits(): Int32Array {
    return this.#first;
  }

  /** Number of distinct keys. */
  get size(): number {
    return this.#size;
  }

  /**
   * Converts `s`, or each segment of it on its own when `ends` lists where segments end (no key
   * matches across a segment end), like opencc-js converting segment by segment. With `outEnds`,
   * the ends of the converted segments are pushed to it. Returns `s` itself when nothing matched.
   */
  convert(s: string, ends: readonly number[] | null, outEnds: number[] | null): string {
    let out = '';
    let last = 0;
    let start = 0;
    const count = ends ? ends.length : 1;
    for (let k = 0; k < count; k++) {
      const limit = ends ? ends[k]! : s.length;
      for (let i = start; i < limit; ) {
        const e = this.match(s, i, limit);
        if (e < 0) {
          i += unmatchedLength(s, i, limit);
          continue;
        }
        if (this.#same[e] === 0) {
          out += last < i ? s.slice(last, i) + this.#value(e) : this.#value(e);
          last = i + this.#keyLength[e]!;
        }
        i += this.#keyLength[e]!;
      }
      outEnds?.push(out.length + limit - last);
      start = limit;
    }
    return last === 0 ? s : last < s.length ? out + s.slice(last) : out;
  }

  /**
   * Marks the entries whose key is in `group`, for `convertSegmenting`; null when that would not
   * match opencc-js: `group` has a key this table lacks, or this table has another key longer
   * than one code point or starting an ideographic description sequence.
   */
  segmentKeys(group: readonly string[]): Uint8Array | null {
    const flags = new Uint8Array(this.#size);
    let missing = false;
    for (const src of group) {
      forEachEntry(src, (at, keyLength) => {
        const e = this.#find(src, at, keyLength, at + keyLength);
        if (e < 0) missing = true;
        else flags[e] = 1;
      });
    }
    for (let e = 0; e < this.#size && !missing; e++) {
      if (flags[e]) continue;
      const src = this.#sources[this.#source[e]!]!;
      const c0 = src.charCodeAt(this.#start[e]!);
      const length = this.#keyLength[e]!;
      const oneCodePoint = length === 1 ? !isHigh(c0) && !isLow(c0) : length === 2 && isHigh(c0) && isLow(src.charCodeAt(this.#start[e]! + 1));
      if (!oneCodePoint || (c0 >= 0x2ff0 && c0 <= 0x2fff)) return null;
    }
    return missing ? null : flags;
  }

  /**
   * Segments `s` by the keys `segmentKeys` marked and converts each segment on its own, in one
   * pass: the same as `convert(s, segmentation.segmentEnds(s), outEnds)`. At any position the
   * longest key here is a marked key exactly when the segmentation group matches there (every
   * other key is one code point), and then it spans the whole segment; elsewhere both step
   * alike, over one code point or a whole description sequence.
   */
  convertSegmenting(s: string, segmentKeys: Uint8Array, outEnds: number[]): string {
    let out = '';
    let last = 0;
    let pending = false;
    for (let i = 0; i < s.length; ) {
      const e = this.match(s, i, s.length);
      if (e < 0) {
        pending = true;
        i += unmatchedLength(s, i, s.length);
        continue;
      }
      const segment = segmentKeys[e] === 1;
      if (segment && pending) outEnds.push(out.length + i - last);
      pending = !segment;
      if (this.#same[e] === 0) {
        out += last < i ? s.slice(last, i) + this.#value(e) : this.#value(e);
        last = i + this.#keyLength[e]!;
      }
      i += this.#keyLength[e]!;
      if (segment) outEnds.push(out.length + i - last);
    }
    if (pending) outEnds.push(out.length + s.length - last);
    return last === 0 ? s : last < s.length ? out + s.slice(last) : out;
  }

  #value(e: number): string {
    let v = this.#values[e];
    if (v === undefined) {
      const at = this.#start[e]! + this.#keyLength[e]! + 1;
      v = this.#values[e] = this.#sources[this.#source[e]!]!.slice(at, at + this.#valueLength[e]!);
    }
    return v;
  }

  /**
   * Where the segments of `s` end, as opencc-js's `Trie.segment` cuts it: each longest match is a
   * segment, and the unmatched text between two matches is one segment.
   */
  segmentEnds(s: string): number[] {
    const ends: number[] = [];
    let pending = false;
    for (let i = 0; i < s.length; ) {
      const e = this.match(s, i, s.length);
      if (e < 0) {
        pending = true;
        i += unmatchedLength(s, i, s.length);
        continue;
      }
      if (pending) ends.push(i);
      pending = false;
      i += this.#keyLength[e]!;
      ends.push(i);
    }
    if (pending) ends.push(s.length);
    return ends;
  }

  /** The entry of the longest key matching `s` at `i` and ending by `limit`, or -1. */
  match(s: string, i: number, limit: number): number {
    const c0 = s.charCodeAt(i);
    if ((this.#first[c0 >>> 5]! & (1 << (c0 & 31))) === 0) return -1;
    const room = limit - i;
    if (room >= 2) {
      let mask = this.#lengthsAfter((c0 << 16) | s.charCodeAt(i + 1));
      if (mask < 0) {
        for (let length = Math.min(room, this.#maxKeyLength); length > 30; length--) {
          const e = this.#find(s, i, length, limit);
          if (e >= 0) return e;
        }
        mask &= 0x7fffffff;
      }
      if (room <= 30) mask &= (2 << room) - 1;
      while (mask !== 0) {
        const length = 31 - Math.clz32(mask);
        const e = this.#find(s, i, length, limit);
        if (e >= 0) return e;
        mask ^= 1 << length;
      }
    }
    return (this.#single[c0 >>> 5]! & (1 << (c0 & 31))) === 0 ? -1 : this.#find(s, i, 1, limit);
  }

  /** Length of the key of an entry `match` returned, in code units. */
  keyLength(e: number): number {
    return this.#keyLength[e]!;
  }

  /** The entry whose key is `s[i, i + length)`, unless it would end inside a surrogate pair. */
  #find(s: string, i: number, length: number, limit: number): number {
    const end = i + length;
    // opencc-js reads code points: a key ending on a high surrogate cannot match its pair's first half.
    if (end < limit && isHigh(s.charCodeAt(end - 1)) && isLow(s.charCodeAt(end))) return -1;
    const h = hashOf(s, i, length);
    const mask = this.#slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const e = this.#slots[slot]!;
      if (e < 0) return -1;
      if (this.#hash[e] === h && this.#keyLength[e] === length && this.#equals(e, s, i)) return e;
    }
  }

  #equals(e: number, s: string, i: number): boolean {
    const src = this.#sources[this.#source[e]!]!;
    const at = this.#start[e]!;
    for (let k = 0, n = this.#keyLength[e]!; k < n; k++) if (src.charCodeAt(at + k) !== s.charCodeAt(i + k)) return false;
    return true;
  }

  #load(d: number): void {
    forEachEntry(this.#sources[d]!, (at, keyLength, valueLength) => this.#put(d, at, keyLength, valueLength));
  }

  #put(d: number, at: number, keyLength: number, valueLength: number): void {
    const src = this.#sources[d]!;
    const h = hashOf(src, at, keyLength);
    const mask = this.#slots.length - 1;
    let slot = h & mask;
    let e = this.#slots[slot]!;
    for (; e >= 0; slot = (slot + 1) & mask, e = this.#slots[slot]!) {
      if (this.#hash[e] === h && this.#keyLength[e] === keyLength && this.#equals(e, src, at)) break;
    }
    if (e < 0) this.#slots[slot] = e = this.#size++;
    this.#source[e] = d;
    this.#start[e] = at;
    this.#keyLength[e] = keyLength;
    this.#valueLength[e] = valueLength;
    this.#hash[e] = h;
    this.#same[e] = keyLength === valueLength && src.startsWith(src.slice(at, at + keyLength), at + keyLength + 1) ? 1 : 0;
  }

  #prefixOf(e: number): number {
    const src = this.#sources[this.#source[e]!]!;
    return (src.charCodeAt(this.#start[e]!) << 16) | src.charCodeAt(this.#start[e]! + 1);
  }

  #addPrefix(key: number, bit: number): void {
    const mask = this.#prefixKey.length - 1;
    let slot = Math.imul(key, 0x9e3779b1) >>> 0 & mask;
    while (this.#prefixUsed[slot] && this.#prefixKey[slot] !== key) slot = (slot + 1) & mask;
    this.#prefixUsed[slot] = 1;
    this.#prefixKey[slot] = key;
    this.#prefixMask[slot]! |= bit;
  }

  #lengthsAfter(key: number): number {
    const mask = this.#prefixKey.length - 1;
    for (let slot = Math.imul(key, 0x9e3779b1) >>> 0 & mask; this.#prefixUsed[slot]; slot = (slot + 1) & mask) {
      if (this.#prefixKey[slot] === key) return this.#prefixMask[slot]!;
    }
    return 0;
  }
}

function hashOf(s: string, i: number, length: number): number {
  let h = 0x811c9dc5 | 0;
  for (let k = 0; k < length; k++) h = Math.imul(h ^ s.charCodeAt(i + k), 0x01000193);
  return (h ^ (h >>> 15)) & 0x7fffffff;
}

function setBit(bits: Int32Array, c: number): void {
  bits[c >>> 5]! |= 1 << (c & 31);
}

function tableSize(n: number): number {
  let size = 16;
  while (size < n * 2) size *= 2;
  return size;
}
