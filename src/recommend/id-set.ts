/**
 * Ids below this are kept as bits (an 8 MB bitmap at most); rarer, larger ids in a Set. Article
 * ids come from the database's sequence, so on any real site all of them are bits.
 */
const BITMAP_LIMIT = 1 << 26;

/**
 * A set of positive whole ids, one bit each: the published articles a beacon may count. As a
 * `Set<number>` the ids of 100,000 articles took 2.5 MB of heap, twice that while a refresh
 * built its replacement; as bits they take 12 KB.
 *
 * @example
 * const ids = new IdSet([3, 4]);
 * ids.has(4) // true
 */
export class IdSet {
  #bits = new Uint8Array(0);
  readonly #large = new Set<number>();

  constructor(ids: Iterable<number> = []) {
    for (const id of ids) this.add(id);
  }

  has(id: number): boolean {
    if (inBitmap(id)) return ((this.#bits[id >>> 3] ?? 0) & (1 << (id & 7))) !== 0;
    return this.#large.has(id);
  }

  add(id: number): void {
    if (!inBitmap(id)) {
      this.#large.add(id);
      return;
    }
    const byte = id >>> 3;
    if (byte >= this.#bits.length) {
      // Doubling: ids arrive in ascending order from a refresh, one by one from publishes.
      const grown = new Uint8Array(Math.max(byte + 1, this.#bits.length * 2, 64));
      grown.set(this.#bits);
      this.#bits = grown;
    }
    this.#bits[byte]! |= 1 << (id & 7);
  }

  delete(id: number): void {
    if (inBitmap(id)) {
      const byte = id >>> 3;
      if (byte < this.#bits.length) this.#bits[byte]! &= ~(1 << (id & 7));
    } else this.#large.delete(id);
  }
}

function inBitmap(id: number): boolean {
  return Number.isInteger(id) && id >= 0 && id < BITMAP_LIMIT;
}
