import type { VNode } from 'preact';
import { jsxTemplate } from 'preact/jsx-runtime';
import { render } from 'preact-render-to-string';
import { flatString } from '../../flat-string.js';

/** Rendered variants kept per owner at most (prefix × zone × options: a handful in practice). */
const MAX_PER_OWNER = 16;

// Keyed by the (immutable) view object the markup was made from: when the object is dropped
// from the caches that hold it (the localizer's, the reader's), its markup goes with it.
const rendered = new WeakMap<object, Map<string, string>>();

/**
 * Markup made from an immutable view object, rendered once per `key` and then reused as raw
 * HTML. Cards and list items of the same articles appear on thousands of pages; rendering their
 * JSX each time was a large share of a page's cost. The output is byte-identical to rendering
 * `build()` in place: the same component renders it, only once. `key` must name everything the
 * markup depends on besides `owner` (link prefix, time zone, the component's options); the
 * component must not read anything that changes between renders (no clock), and reads the UI
 * table only if `owner` is that table. `max` bounds the keys kept per owner.
 *
 * @example
 * return memoHtml(article, `${chrome.href('/')}|${chrome.timezone}`, () => <CardMarkup … />);
 */
export function memoHtml(owner: object, key: string, build: () => VNode, max = MAX_PER_OWNER): VNode {
  let byKey = rendered.get(owner);
  if (!byKey) rendered.set(owner, (byKey = new Map()));
  let html = byKey.get(key);
  if (html === undefined) {
    // Kept for the owner's lifetime: one run of text instead of a rope of its pieces.
    html = flatString(render(build()));
    if (byKey.size >= max) byKey.clear();
    byKey.set(key, html);
  }
  // A template fragment is written out as is, without a wrapper element.
  return jsxTemplate([html]);
}
