import type * as Linkedom from 'linkedom';
import { lazyRequire } from '../lazy.js';
import { analyze, type Analysis } from './integrity-rules.js';

// Required on the first inspection (article saves, imports), not at start: page views never need a DOM.
const linkedom = lazyRequire<typeof Linkedom>('linkedom');

/** One thing the integrity guard found: a stable rule id, a human sentence, and where. */
export interface Finding {
  /** Stable kebab-case id, e.g. `hidden-block`, `spam-anchor`, `link-farm`, `script`. */
  readonly rule: string;
  /** One human sentence saying what is wrong. */
  readonly reason: string;
  /** A CSS-like path to the element (`p[3] > a[2]`) and a short excerpt of it. */
  readonly location: string;
}

/** Knobs for one inspection. */
export interface IntegrityOptions {
  /**
   * Outbound link allowlist (`example.com` also admits `www.example.com`). When given, links to
   * other domains beyond {@link IntegrityOptions.outboundRatio} of all outbound links are flagged,
   * and spam-anchor checks skip these domains.
   */
  readonly allowedDomains?: readonly string[];
  /** The site's own domains: links there are internal, never outbound. */
  readonly siteDomains?: readonly string[];
  /** Share of outbound links allowed to point outside `allowedDomains` (default 0.5). */
  readonly outboundRatio?: number;
  /**
   * Path prefixes of the site's own scripts (e.g. `['/assets/']`): `<script src>` under them is
   * not flagged. Used when auditing a static export of the site; empty for article bodies.
   */
  readonly ownScriptPrefixes?: readonly string[];
}

/** The result of {@link stripFlagged}. */
export interface StripResult {
  /** The HTML with flagged parts removed, in the same shape (fragment or document) as the input. */
  readonly html: string;
  /** What was removed and why, one entry per distinct rule and reason. */
  readonly removed: Array<{ rule: string; reason: string }>;
}

/** Whether the input is a whole page rather than an article body fragment. */
function isDocument(html: string): boolean {
  return /^\s*(<!--[\s\S]*?-->\s*)*(<!doctype|<html[\s>])/i.test(html);
}

function load(html: string): { analysis: Analysis; serialize: () => string } {
  const full = isDocument(html);
  const { document } = linkedom().parseHTML(full ? html : `<!doctype html><html><head></head><body>${html}</body></html>`);
  return {
    analysis: { document, fullDocument: full, findings: [], actions: [] },
    serialize: () => (full ? document.toString() : document.body.innerHTML),
  };
}

/**
 * Inspects an HTML fragment (an article body) or a full document (a page of a static export)
 * for injected spam and active content: hidden blocks, link farms, spam anchors, keyword
 * stuffing, scripts, frames, embedded objects, meta refresh, event handlers, script/data URLs,
 * cloaking redirects and outbound links beyond the allowlist. Returns an empty list when clean.
 *
 * @example
 * inspectHtml('<p style="display:none"><a href="https://x.example/">澳門賭場</a></p>')
 * // [{ rule: 'hidden-block', … }, { rule: 'spam-anchor', reason: '…', location: 'p[1] > a[1]: "澳門賭場"' }]
 */
export function inspectHtml(html: string, options: IntegrityOptions = {}): Finding[] {
  const { analysis } = load(html);
  analyze(analysis, options);
  return analysis.findings;
}

/**
 * Removes what {@link inspectHtml} flags — hidden blocks, spam links, link farms, scripts,
 * frames, objects, meta refresh, handlers and script URLs — and says what was removed.
 * Keyword stuffing is reported by `inspectHtml` but cannot be cut out mechanically, so it is
 * left in place (and not listed here).
 *
 * @example
 * stripFlagged('<p>新聞<script>x()</script></p>') // { html: '<p>新聞</p>', removed: [{ rule: 'script', … }] }
 */
export function stripFlagged(html: string, options: IntegrityOptions = {}): StripResult {
  const { analysis, serialize } = load(html);
  analyze(analysis, options);
  const removed = new Map<string, { rule: string; reason: string }>();
  for (const action of analysis.actions) {
    const { element } = action;
    if (action.kind === 'remove') {
      if (!element.isConnected) continue;
      element.remove();
    } else if (action.kind === 'unwrap') {
      if (!element.isConnected) continue;
      element.replaceWith(...Array.from(element.childNodes));
    } else if (action.kind === 'attribute') {
      if (!element.hasAttribute(action.attribute)) continue;
      element.removeAttribute(action.attribute);
    }
    removed.set(`${action.rule}\u0000${action.reason}`, { rule: action.rule, reason: action.reason });
  }
  return { html: serialize().trim(), removed: [...removed.values()] };
}

/** `clean` when there are no findings, else `flagged`. */
export function verdictOf(findings: readonly Finding[]): 'clean' | 'flagged' {
  return findings.length === 0 ? 'clean' : 'flagged';
}
