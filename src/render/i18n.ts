import type { Variant } from '../zh/variants.js';
import { messages as base, type Messages } from './messages.js';

/**
 * The UI strings and variant of the page being rendered. Rendering is synchronous, so the
 * render functions set these for exactly one render and restore them after: components read
 * `ui.*` as they would a constant table, and the site hands in a table converted to the
 * reader's script (see site/localize.ts) without threading it through every component.
 */
let active: { messages: Messages; variant: Variant } = { messages: base, variant: 'zh-Hant' };

/** The UI strings of the current render, in the page's script. */
export const ui: Messages = new Proxy(base, {
  get: (_target, key) => active.messages[key as keyof Messages],
}) as Messages;

/** The script variant of the current render. */
export function activeVariant(): Variant {
  return active.variant;
}

/** Runs a synchronous render with a UI table and variant, restoring the previous ones after. */
export function withUi<T>(messages: Messages, variant: Variant, render: () => T): T {
  const previous = active;
  active = { messages, variant };
  try {
    return render();
  } finally {
    active = previous;
  }
}

/**
 * A UI table with every string passed through `convert`: plain strings, lists, nested tables
 * and the results of message functions.
 *
 * @example
 * const hans = convertMessages((s) => zh.text(s, 'zh-Hant', 'zh-Hans'));
 */
export function convertMessages(convert: (s: string) => string): Messages {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return convert(v);
    if (typeof v === 'function') return (...args: unknown[]) => convert(String((v as (...a: unknown[]) => unknown)(...args)));
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(base) as Messages;
}
