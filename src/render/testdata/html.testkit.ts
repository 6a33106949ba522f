import { assert } from 'vitest';

/**
 * String helpers for asserting on rendered HTML without a DOM library (none is a dependency).
 */

/** The outer HTML of the first element opening with `open` (e.g. `<section id="related"`), up to its matching `</tag>`. */
export function element(html: string, open: string): string {
  const start = html.indexOf(open);
  if (start < 0) assert.fail(`not found: ${open}`);
  const tag = /^<([a-z0-9]+)/i.exec(open)?.[1];
  if (!tag) assert.fail(`not a start tag: ${open}`);
  // Count nested elements of the same name so a <section> inside a <section> does not end it.
  const re = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'gi');
  re.lastIndex = start;
  let depth = 0;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return html.slice(start, m.index + m[0].length);
  }
  assert.fail(`unclosed: ${open}`);
}

/** Text of every match of `re`'s first group, in document order. */
export function all(html: string, re: RegExp): string[] {
  return [...html.matchAll(new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`))].map((m) => m[1] ?? '');
}

/** Asserts-by-return: the positions of `needles` in `html`, -1 where absent. */
export function positions(html: string, needles: readonly string[]): number[] {
  return needles.map((n) => html.indexOf(n));
}
