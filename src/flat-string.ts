/**
 * The same string, flattened in place. A string built by concatenation (every rendered page
 * and card markup, converted bodies) is a rope: a tree of the pieces it was made from, some
 * 32 bytes of header per piece. Kept in a cache, a rope of a card's markup weighs about three
 * times its flat text, and every page that copies it out or encodes it to UTF-8 walks the
 * tree again. Converting a string to a number makes V8 flatten it into one run of characters,
 * which it keeps in place of the rope; the number is thrown away.
 *
 * Call it on strings that are kept (caches) or written out whole (a page before encoding), not
 * on short-lived pieces: flattening copies every character once.
 *
 * @example
 * cache.set(key, flatString(render(card)));
 */
export function flatString(s: string): string {
  // The bitwise OR forces ToNumber, which flattens; the result is deliberately unused.
  void (((s as unknown as number) | 0) === 0);
  return s;
}
