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

/** Every JSON-LD object in the page, parsed, in document order. */
export function jsonLd(html: string): Array<Record<string, unknown>> {
  return all(html, /<script type="application\/ld\+json">(.*?)<\/script>/s).map((j) => JSON.parse(j) as Record<string, unknown>);
}

/** The JSON-LD object of a schema.org type; fails the test when there is none. */
export function jsonLdOf(html: string, type: string): Record<string, unknown> {
  const found = jsonLd(html).find((d) => d['@type'] === type);
  if (!found) assert.fail(`no ${type} JSON-LD`);
  return found;
}

/** `content` of every `<meta property|name="key">`, in document order (attributes unescaped only for &quot; and &amp;). */
export function metas(html: string, key: string): string[] {
  const k = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return all(html, new RegExp(`<meta (?:property|name)="${k}" content="([^"]*)"`)).map((v) => v.replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
}
