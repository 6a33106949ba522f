/**
 * Shares one object among equal immutable values: every card of a tag's articles names the
 * same tag, and each card carrying its own copy (object and URL string) made tags, authors and
 * sections a large share of the card caches' memory. `max` bounds the distinct keys kept; past
 * it the table starts again, which only costs copies, never correctness.
 *
 * @example
 * const tags = new Interner<TagView>(20_000);
 * const view = tags.get(`${slug}\u0001${name}`, () => ({ slug, name, url: urls.tag(slug) }));
 */
export class Interner<V> {
  readonly #values = new Map<string, V>();
  readonly #max: number;

  constructor(max: number) {
    this.#max = max;
  }

  /** The kept value for `key`, made by `make` the first time. */
  get(key: string, make: () => V): V {
    let value = this.#values.get(key);
    if (value === undefined) {
      if (this.#values.size >= this.#max) this.#values.clear();
      value = make();
      this.#values.set(key, value);
    }
    return value;
  }
}
