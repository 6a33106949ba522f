import type { Normalizer } from '../zh/normalize.js';

/** Characters of text in a snippet (the ellipses not counted). */
export const SNIPPET_CHARS = 100;
/** Characters shown before the first match, so the reader sees what leads up to it. */
const LEAD_IN = 24;
/**
 * How far into a text the slow path (normalizing character by character) looks for a match
 * the quick path missed (full-width letters and digits): such spellings are rare, and a match
 * further in is still found by the index, just shown with the text's start instead.
 */
const SCAN_LIMIT = 300;
/** Normalized forms of single characters remembered; news text uses a few thousand distinct ones. */
const MEMO_SIZE = 30_000;

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * Short excerpts around the first match of a query in an article's own text, with every match
 * in the excerpt wrapped in `<mark>` and everything else HTML-escaped.
 *
 * Matching happens on normalized text (the index's form: NFKC, lower case, Simplified) while
 * the excerpt keeps the article's own characters. The first match is looked for with plain
 * `indexOf` for the spellings the caller expects in articles (the tokens and their Traditional
 * forms), so long bodies are never normalized whole; inside the short excerpt, text is
 * normalized one character at a time (remembered), which keeps positions aligned and finds
 * every spelling. A spelling nobody foresaw can only cost a highlight, never a wrong excerpt.
 *
 * @example
 * snippets.make(['…颱風逼近，氣象局發布海上警報…'], ['台风', '警报'], ['颱風', '警報'])
 * // '…<mark>颱風</mark>逼近，氣象局發布海上<mark>警報</mark>…'
 */
export class SnippetMaker {
  readonly #normalizer: Normalizer;
  readonly #memo = new Map<string, string>();

  constructor(normalizer: Normalizer) {
    this.#normalizer = normalizer;
  }

  /**
   * An excerpt of the first of `texts` that contains a token, or the start of the first
   * non-empty text when none does. `forms` are spellings of the tokens as articles may write
   * them (Traditional), used to find matches quickly. Returns HTML.
   */
  make(texts: readonly string[], tokens: readonly string[], forms: readonly string[] = [], size = SNIPPET_CHARS): string {
    const sorted = [...new Set(tokens.filter((t) => t.length > 0))].sort((a, b) => b.length - a.length);
    const spellings = [...new Set([...sorted, ...forms.filter((f) => f.length > 0)])].sort((a, b) => b.length - a.length);
    // Only spellings with letters can differ from the text by case.
    const cased = spellings.some((w) => /[a-z]/.test(w));
    // Letters and digits may be written full-width; Chinese spellings are all in `forms`, so
    // normalizing the text to look again only pays off for those.
    const widths = sorted.some((w) => /[a-z0-9]/.test(w));
    for (const text of texts) {
      if (!text || sorted.length === 0) continue;
      const at = firstOf(text, spellings, cased) ?? (widths ? this.#scan(text, sorted) : undefined);
      if (at !== undefined) return this.#excerpt(text, at, sorted, spellings, cased, size);
    }
    const lead = texts.find((t) => t && t.trim());
    return lead ? this.#excerpt(lead.trim(), 0, sorted, spellings, cased, size) : '';
  }

  /** The first match within SCAN_LIMIT characters, found on normalized text (UTF-16 index). */
  #scan(text: string, tokens: readonly string[]): number | undefined {
    const { norm, owner } = this.#normalized(text.slice(0, SCAN_LIMIT + (isLowSurrogate(text, SCAN_LIMIT) ? 1 : 0)));
    let best = -1;
    for (const t of tokens) {
      const p = norm.indexOf(t);
      if (p >= 0 && (best < 0 || p < best)) best = p;
    }
    return best >= 0 ? owner[best]! : undefined;
  }

  #excerpt(text: string, at: number, tokens: readonly string[], spellings: readonly string[], cased: boolean, size: number): string {
    let start = Math.max(0, at - Math.min(LEAD_IN, Math.floor(size / 4)));
    // Start at a sentence or paragraph if one begins shortly before the match.
    for (let i = at - 1; i >= start; i--) {
      if ('。！？!?；;\n'.includes(text[i]!)) {
        start = i + 1;
        break;
      }
    }
    if (isLowSurrogate(text, start)) start--;
    let end = Math.min(text.length, start + size);
    if (isLowSurrogate(text, end)) end++;
    const window = text.slice(start, end);
    // The normalized window finds every spelling of the tokens (both scripts, full width); the
    // listed spellings catch the rare character whose conversion depends on its neighbours.
    let marks = tokens.length > 0 ? this.#findNormalized(window, tokens) : [];
    if (marks.length === 0) marks = findAll(window, spellings, cased);
    let html = start > 0 ? '…' : '';
    let last = 0;
    for (const [from, to] of marks) {
      html += `${escapeText(window.slice(last, from))}<mark>${escapeText(window.slice(from, to))}</mark>`;
      last = to;
    }
    html += escapeText(window.slice(last));
    return html + (end < text.length ? '…' : '');
  }

  /** Match ranges of normalized tokens, mapped back to the window's own characters. */
  #findNormalized(window: string, tokens: readonly string[]): Array<[number, number]> {
    const { norm, owner, ends } = this.#normalized(window);
    const out: Array<[number, number]> = [];
    for (let i = 0; i < norm.length; ) {
      const t = tokens.find((tok) => norm.startsWith(tok, i));
      if (!t) {
        i++;
        continue;
      }
      const from = owner[i]!;
      const to = ends[i + t.length - 1]!;
      const prev = out[out.length - 1];
      if (prev && prev[1] >= from) prev[1] = Math.max(prev[1], to);
      else out.push([from, to]);
      i += t.length;
    }
    return out;
  }

  /** Text normalized one character at a time, with each normalized unit's source position. */
  #normalized(text: string): { norm: string; owner: number[]; ends: number[] } {
    let norm = '';
    const owner: number[] = [];
    const ends: number[] = [];
    for (let i = 0; i < text.length; ) {
      const c = String.fromCodePoint(text.codePointAt(i)!);
      const n = this.#norm(c);
      norm += n;
      for (let k = 0; k < n.length; k++) {
        owner.push(i);
        ends.push(i + c.length);
      }
      i += c.length;
    }
    return { norm, owner, ends };
  }

  #norm(c: string): string {
    let n = this.#memo.get(c);
    if (n === undefined) {
      n = c.charCodeAt(0) < 128 ? c.toLowerCase() : this.#normalizer.normalize(c);
      if (this.#memo.size < MEMO_SIZE) this.#memo.set(c, n);
    }
    return n;
  }
}

/** The earliest position of any spelling (in lower case too, when `cased`), or undefined. */
function firstOf(text: string, spellings: readonly string[], cased: boolean): number | undefined {
  let best = -1;
  for (const hay of haystacks(text, cased)) {
    for (const s of spellings) {
      const p = hay.indexOf(s);
      if (p >= 0 && (best < 0 || p < best)) best = p;
    }
  }
  return best >= 0 ? best : undefined;
}

/** Every occurrence of the spellings, longest first at each position, as sorted, disjoint ranges. */
function findAll(window: string, spellings: readonly string[], cased: boolean): Array<[number, number]> {
  const hay = cased ? haystacks(window, true).at(-1)! : window;
  const out: Array<[number, number]> = [];
  for (let i = 0; i < hay.length; ) {
    const s = spellings.find((w) => hay.startsWith(w, i));
    if (!s) {
      i++;
      continue;
    }
    const prev = out[out.length - 1];
    if (prev && prev[1] === i) prev[1] = i + s.length;
    else out.push([i, i + s.length]);
    i += s.length;
  }
  return out;
}

// Lower-casing can change lengths (İ); then positions in the lower-cased text are not
// positions in the text, and only the text itself is searched.
function haystacks(text: string, cased: boolean): string[] {
  if (!cased) return [text];
  const lower = text.toLowerCase();
  return lower !== text && lower.length === text.length ? [text, lower] : [text];
}

function isLowSurrogate(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return i > 0 && i < text.length && c >= 0xdc00 && c <= 0xdfff;
}

/**
 * Text of an article body for snippets. Bodies are stored sanitized by one allowlist, so
 * dropping tags is enough here, and far faster than parsing; the output is escaped again.
 */
export function plainText(html: string): string {
  return html
    .replace(/<\/(p|h[1-6]|li|figcaption|blockquote|tr)>|<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
        return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/[ \t]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Escapes a run of snippet text, with line breaks and runs of spaces as one space. */
function escapeText(text: string): string {
  return escapeHtml(text.replace(/\s+/g, ' '));
}
