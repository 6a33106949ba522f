import type { Finding, IntegrityOptions } from './integrity.js';
import { hiddenSelectors, hidingReason } from './hidden-style.js';
import { spamTermIn } from './spam-terms.js';
import { stuffedTerm } from './stuffing.js';

/* The detectors behind inspectHtml/stripFlagged. They walk a linkedom DOM once, collect findings
   and, alongside, the edits that would remove each flagged part. Types are kept structural so
   this module does not depend on linkedom's (loose) typings. */

/** The DOM element surface the detectors use (linkedom implements it). */
export type El = Element;

/** An edit that removes a flagged part. */
export type Action =
  | { kind: 'remove' | 'unwrap'; element: El; rule: string; reason: string }
  | { kind: 'attribute'; element: El; attribute: string; rule: string; reason: string };

/** Mutable state of one inspection. */
export interface Analysis {
  readonly document: Document;
  readonly fullDocument: boolean;
  readonly findings: Finding[];
  readonly actions: Action[];
}

/** Reason sentences, by rule (user-facing; later i18n keys). */
export const messages = {
  script: 'A script element runs code in the reader’s browser.',
  cloaking: (how: string) => `Code redirects visitors elsewhere${how}, a cloaking technique.`,
  iframe: (tag: string) => `A <${tag}> embeds another page.`,
  object: (tag: string) => `An <${tag}> embeds active content (plugin or document).`,
  base: 'A <base> element changes where every relative link points.',
  metaRefresh: (target: string) => `A meta refresh sends the reader to ${target || 'another page'}.`,
  form: 'A form or form action can submit the reader’s data elsewhere.',
  styleElement: 'A <style> element can restyle or hide parts of the page.',
  handler: (name: string) => `The ${name} attribute runs script on an event.`,
  scriptUrl: (attr: string) => `The ${attr} attribute holds a javascript: (or similar) URL.`,
  dataUrl: (attr: string) => `The ${attr} attribute holds a data: URL that can carry a document or script.`,
  srcdoc: 'The srcdoc attribute embeds a whole HTML document.',
  cssExpression: 'Inline CSS uses expression(), behaviors, bindings or script URLs.',
  markupInAttribute: 'An attribute value contains markup, a mutation-XSS pattern that reparses into live tags.',
  hidden: (how: string) => `Content is hidden from readers (${how}) but visible to search engines.`,
  spamAnchor: (term: string) => `A link’s text “${term}” is gambling, porn or pharma spam.`,
  linkFarm: (count: number) => `A block of ${count} outbound links with little other text is a link farm.`,
  manyLinks: (count: number) => `${count} outbound links is far more than a news article carries.`,
  linkDensity: (share: number) => `Links make up ${share}% of the text, typical of injected link lists.`,
  outbound: (count: number, total: number) => `${count} of ${total} outbound links go to domains outside the allowlist.`,
  stuffing: (term: string, count: number) => `“${term}” is repeated ${count} times, far beyond normal density (keyword stuffing).`,
} as const;

const urlAttributes = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'codebase', 'cite', 'dynsrc', 'lowsrc', 'ping', 'to', 'from', 'values', 'by', 'srcset', 'content']);
const textAttributes = /^(alt|title|aria-[\w-]+|placeholder|label|summary|abbr|name|id|class|lang|dir)$/;
const scriptSchemes = /^(javascript|vbscript|livescript|mocha):/;
const blockTags = new Set(['p', 'div', 'ul', 'ol', 'dl', 'td', 'th', 'table', 'section', 'article', 'aside', 'footer', 'nav', 'header', 'blockquote', 'figure', 'span', 'font', 'center', 'marquee']);

/** Strips entities' leftovers, control characters and whitespace the browser ignores in a URL. */
function normalizeUrl(value: string): string {
  let v = value;
  try {
    if (/%[0-9a-f]{2}/i.test(v)) v = decodeURIComponent(v);
  } catch {
    // keep the raw value; a malformed escape cannot form a scheme anyway
  }
  return v.replace(/[\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200f\u2028\u2029\u3000\ufeff]+/g, '').toLowerCase();
}

function hostOf(href: string): string | undefined {
  const v = href.trim();
  if (!/^(https?:)?\/\//i.test(v)) return undefined;
  try {
    return new URL(v.startsWith('//') ? `https:${v}` : v).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

function domainAllowed(host: string, allowed: readonly string[]): boolean {
  return allowed.some((d) => {
    const domain = d.toLowerCase().replace(/^\*?\./, '');
    return host === domain || host.endsWith(`.${domain}`);
  });
}

/** `body > div[2] > p[3] > a[2]`-style path plus a short excerpt. */
function locate(el: El, fullDocument: boolean): string {
  const parts: string[] = [];
  let node: El | null = el;
  while (node && node.localName !== 'html') {
    if (!fullDocument && node.localName === 'body') break;
    const parent: El | null = node.parentElement;
    const tag = node.localName;
    const index = parent ? Array.from(parent.children).filter((c) => c.localName === tag).indexOf(node) + 1 : 1;
    parts.unshift(`${tag}[${index}]`);
    node = parent;
  }
  const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
  const excerpt = text ? text.slice(0, 40) : (el.outerHTML ?? '').slice(0, 60);
  return `${parts.join(' > ') || el.localName}: "${excerpt}${text.length > 40 ? '…' : ''}"`;
}

function hasContent(el: El): boolean {
  return (el.textContent ?? '').trim().length > 0 || el.querySelector('a,img') !== null;
}

/** Runs every detector over the analysis' document, filling findings and actions. */
export function analyze(a: Analysis, options: IntegrityOptions): void {
  const root = a.fullDocument ? a.document.documentElement : a.document.body;
  if (!root) return;
  const flag = (rule: string, reason: string, el: El, action?: Omit<Action, 'rule' | 'reason' | 'element'> & { attribute?: string }): void => {
    a.findings.push({ rule, reason, location: locate(el, a.fullDocument) });
    if (action?.kind === 'attribute') a.actions.push({ kind: 'attribute', element: el, attribute: action.attribute ?? '', rule, reason });
    else if (action) a.actions.push({ kind: action.kind as 'remove' | 'unwrap', element: el, rule, reason });
  };

  const hiddenBySheet = new Set<string>();
  for (const style of Array.from(root.querySelectorAll('style'))) {
    for (const selector of hiddenSelectors(style.textContent ?? '')) hiddenBySheet.add(selector);
  }

  const outbound: Array<{ el: El; host: string }> = [];
  const walk = (el: El, insideHidden: boolean): void => {
    const tag = el.localName;
    let hidden = insideHidden;
    if (!insideHidden && el !== root) {
      const how = hiddenHow(el, hiddenBySheet);
      if (how && hasContent(el)) {
        flag('hidden-block', messages.hidden(how), el, { kind: 'remove' });
        hidden = true;
      }
    }
    inspectElement(a, el, tag, options, flag);
    inspectAttributes(el, tag, a.fullDocument, flag);
    if (tag === 'a') {
      const host = hostOf(el.getAttribute('href') ?? '');
      if (host && !domainAllowed(host, options.siteDomains ?? [])) {
        outbound.push({ el, host });
        // Government and university sites name regulators (博彩監察協調局) and are not spam targets.
        const allowed = (options.allowedDomains && domainAllowed(host, options.allowedDomains)) || /\.(gov|edu)(\.[a-z]{2})?$/.test(host);
        const term = allowed ? undefined : spamTermIn(el.textContent ?? '') ?? spamTermIn(el.getAttribute('title') ?? '');
        if (term) flag('spam-anchor', messages.spamAnchor(term), el, { kind: 'remove' });
      }
    }
    for (const child of Array.from(el.children)) walk(child, hidden);
  };
  walk(root, false);

  linkRules(a, root, outbound, options, flag);
  const text = visibleText(root);
  const stuffed = stuffedTerm(text);
  if (stuffed) a.findings.push({ rule: 'keyword-stuffing', reason: messages.stuffing(stuffed.term, stuffed.count), location: `text: "${stuffed.term}" ×${stuffed.count}` });
}

type Flag = (rule: string, reason: string, el: El, action?: { kind: Action['kind']; attribute?: string }) => void;

function hiddenHow(el: El, hiddenBySheet: Set<string>): string | undefined {
  if (el.hasAttribute('hidden')) return 'the hidden attribute';
  const style = el.getAttribute('style');
  const inline = style ? hidingReason(style) : undefined;
  if (inline) return inline;
  if (hiddenBySheet.size === 0) return undefined;
  if (el.id && hiddenBySheet.has(`#${el.id}`)) return `stylesheet hides #${el.id}`;
  for (const cls of (el.getAttribute('class') ?? '').split(/\s+/)) {
    if (cls && hiddenBySheet.has(`.${cls}`)) return `stylesheet hides .${cls}`;
  }
  return undefined;
}

function inspectElement(a: Analysis, el: El, tag: string, options: IntegrityOptions, flag: Flag): void {
  if (tag === 'script') {
    const type = (el.getAttribute('type') ?? '').toLowerCase().trim();
    const src = el.getAttribute('src');
    const isData = /^application\/(ld\+)?json$/.test(type) && !src;
    const own = src !== null && (options.ownScriptPrefixes ?? []).some((p) => src.startsWith(p)) && /\.m?js(\?|$)/.test(src) && !src.includes('..');
    if (isData || own) return;
    flag('script', messages.script, el, { kind: 'remove' });
    const how = redirectHow(el.textContent ?? '');
    if (how !== undefined) flag('cloaking-redirect', messages.cloaking(how), el);
  } else if (tag === 'iframe' || tag === 'frame' || tag === 'frameset') {
    flag('iframe', messages.iframe(tag), el, { kind: 'remove' });
  } else if (tag === 'object' || tag === 'embed' || tag === 'applet' || tag === 'portal') {
    flag('embedded-object', messages.object(tag), el, { kind: 'remove' });
  } else if (tag === 'base') {
    flag('base-href', messages.base, el, { kind: 'remove' });
  } else if (tag === 'meta' && /refresh/i.test(el.getAttribute('http-equiv') ?? '')) {
    const target = /url\s*=\s*['"]?([^'"\s;]+)/i.exec(el.getAttribute('content') ?? '')?.[1] ?? '';
    flag('meta-refresh', messages.metaRefresh(target), el, { kind: 'remove' });
  } else if (tag === 'form' && (!a.fullDocument || foreignAction(el, options))) {
    // A page's own forms (the search box) are the site's; in a body, or pointing away, not.
    flag('form', messages.form, el, { kind: 'remove' });
  } else if (tag === 'style' && !a.fullDocument) {
    flag('style-element', messages.styleElement, el, { kind: 'remove' });
  }
}

function inspectAttributes(el: El, tag: string, fullDocument: boolean, flag: Flag): void {
  for (const attr of Array.from(el.attributes)) {
    const name = attr.name.toLowerCase();
    const value = attr.value;
    if (name.startsWith('on')) {
      flag('event-handler', messages.handler(name), el, { kind: 'attribute', attribute: attr.name });
      const how = redirectHow(value);
      if (how !== undefined) flag('cloaking-redirect', messages.cloaking(how), el);
      continue;
    }
    if (name === 'srcdoc') {
      flag('srcdoc', messages.srcdoc, el, { kind: 'attribute', attribute: attr.name });
      continue;
    }
    if (name === 'formaction') {
      flag('form', messages.form, el, { kind: 'attribute', attribute: attr.name });
      continue;
    }
    if (name === 'style' && /expression\s*\(|javascript:|behavior\s*:|-moz-binding|@import/i.test(value.replace(/\\|\/\*.*?\*\//g, ''))) {
      flag('css-expression', messages.cssExpression, el, { kind: 'attribute', attribute: attr.name });
    }
    // Only a body is parsed again (editors, sanitizers) and so mutated; in a served page it is inert text.
    if (!fullDocument && /<\/?[a-z!]/i.test(value) && /<\/(noscript|style|title|textarea|script|xmp|iframe|noembed|noframes)|<(img|svg|script|iframe)\b/i.test(value)) {
      flag('markup-in-attribute', messages.markupInAttribute, el, { kind: 'attribute', attribute: attr.name });
    }
    // Text a reader sees (alt="JavaScript: The Good Parts") is not a URL.
    if (textAttributes.test(name)) continue;
    const url = normalizeUrl(value);
    if (scriptSchemes.test(url) || (urlAttributes.has(name) && /(^|[\s,])(javascript|vbscript):/.test(url))) {
      flag('script-url', messages.scriptUrl(name), el, { kind: 'attribute', attribute: attr.name });
    } else if (url.startsWith('data:') && urlAttributes.has(name)) {
      // Image data shown as an image (img, or a page's icon link) cannot run: SVG scripts do not run there.
      const imageContext = tag === 'img' || (tag === 'link' && /\bicon\b/i.test(el.getAttribute('rel') ?? ''));
      const harmlessImage = imageContext && /^data:image\/(png|gif|jpe?g|webp|avif|svg\+xml)[;,]/.test(url);
      if (!harmlessImage) flag('data-url', messages.dataUrl(name), el, { kind: 'attribute', attribute: attr.name });
    }
  }
}

/** Whether a form submits to another site. */
function foreignAction(el: El, options: IntegrityOptions): boolean {
  const host = hostOf(el.getAttribute('action') ?? '');
  return host !== undefined && !domainAllowed(host, options.siteDomains ?? []);
}

/** How a piece of script redirects (' by referrer', …), or undefined when it does not. */
function redirectHow(code: string): string | undefined {
  const c = code.replace(/\s+/g, '');
  const redirects = /(location(\.href)?=|location\.(replace|assign)\(|location\[['"]href['"]\]=|window\.open\(|navigate\()/i.test(c);
  if (!redirects) return undefined;
  if (/document\.referrer/i.test(c)) return ' based on where they came from (referrer)';
  if (/navigator\.userAgent/i.test(c)) return ' based on their browser (user agent)';
  return '';
}

function blockOf(el: El, root: El): El {
  let node = el.parentElement;
  while (node && node !== root) {
    if (blockTags.has(node.localName) && node.localName !== 'span') return node.localName === 'li' ? node.parentElement ?? node : node;
    if (node.localName === 'li') return node.parentElement ?? node;
    node = node.parentElement;
  }
  return root;
}

function linkRules(a: Analysis, root: El, outbound: Array<{ el: El; host: string }>, options: IntegrityOptions, flag: Flag): void {
  // Link farms: a block whose text is mostly outbound link text, with many of them.
  const blocks = new Map<El, El[]>();
  const trusted = options.allowedDomains ?? [];
  for (const { el, host } of outbound) {
    if (domainAllowed(host, trusted)) continue;
    const block = blockOf(el, root);
    const links = blocks.get(block);
    if (links) links.push(el);
    else blocks.set(block, [el]);
  }
  for (const [block, links] of blocks) {
    if (links.length < 8) continue;
    const total = (block.textContent ?? '').replace(/\s+/g, '').length;
    const linked = links.reduce((n, l) => n + (l.textContent ?? '').replace(/\s+/g, '').length, 0);
    if (total === 0 || linked / total < 0.6) continue;
    if (block === root) for (const l of links) flag('link-farm', messages.linkFarm(links.length), l, { kind: 'remove' });
    else flag('link-farm', messages.linkFarm(links.length), block, { kind: 'remove' });
  }
  if (outbound.length >= 30) a.findings.push({ rule: 'link-farm', reason: messages.manyLinks(outbound.length), location: locate(root, a.fullDocument) });
  const totalText = (root.textContent ?? '').replace(/\s+/g, '').length;
  const linkText = outbound.reduce((n, l) => n + (l.el.textContent ?? '').replace(/\s+/g, '').length, 0);
  if (outbound.length >= 10 && totalText > 0 && linkText / totalText > 0.5) {
    a.findings.push({ rule: 'link-density', reason: messages.linkDensity(Math.round((100 * linkText) / totalText)), location: locate(root, a.fullDocument) });
  }
  const allowed = options.allowedDomains;
  if (allowed && allowed.length > 0 && outbound.length > 0) {
    const outside = outbound.filter((l) => !domainAllowed(l.host, allowed));
    if (outside.length >= 3 && outside.length / outbound.length > (options.outboundRatio ?? 0.5)) {
      const first = outside[0];
      if (first) a.findings.push({ rule: 'outbound-domains', reason: messages.outbound(outside.length, outbound.length), location: locate(first.el, a.fullDocument) });
      for (const l of outside) a.actions.push({ kind: 'unwrap', element: l.el, rule: 'outbound-domains', reason: messages.outbound(outside.length, outbound.length) });
    }
  }
}

function visibleText(root: El): string {
  const parts: string[] = [];
  const visit = (el: El): void => {
    if (['script', 'style', 'template', 'noscript'].includes(el.localName)) return;
    for (const node of Array.from(el.childNodes)) {
      if (node.nodeType === 3) parts.push(node.textContent ?? '');
      else if (node.nodeType === 1) visit(node as El);
    }
    parts.push(' ');
  };
  visit(root);
  return parts.join('');
}
