import type { Segmenter } from '../zh/segment.js';

/** Longest query the search reads; longer input is cut there, not rejected. */
export const MAX_QUERY_LENGTH = 200;
/** Most tokens a query may require: more would only slow the database down and match nothing. */
export const MAX_QUERY_TOKENS = 16;
/** Longest token kept, in the index and in queries alike (a run of 2,000 letters is not a word). */
export const MAX_TOKEN_LENGTH = 64;

/** One searched token; `prefix` also matches longer tokens that start with it. */
export interface Term {
  readonly token: string;
  readonly prefix: boolean;
}

/** Tokens that must all occur (`all`) or occur next to each other in order (`phrase`). */
export interface Unit {
  readonly kind: 'all' | 'phrase';
  readonly terms: readonly Term[];
}

/**
 * A parsed query: only normalized tokens, never the reader's text, reach a database. An article
 * matches when, for every group in `must`, one of the group's units matches, and no unit of
 * `not` does.
 */
export interface ParsedQuery {
  /** The query as searched: control characters removed, spaces collapsed, cut to length. */
  readonly text: string;
  readonly must: ReadonlyArray<readonly Unit[]>;
  readonly not: readonly Unit[];
  /** Positive tokens for highlighting, longest first. */
  readonly highlight: readonly string[];
  /** True when the query was cut (length or number of tokens). */
  readonly truncated: boolean;
}

type Item = { readonly kind: 'word' | 'phrase'; readonly text: string; readonly negated: boolean } | { readonly kind: 'or' };

// Quotes readers type: ASCII, full-width, curly and CJK corner brackets. Each opener closes
// with its partner; an unclosed quote runs to the end of the query.
const CLOSERS: Readonly<Record<string, string>> = { '"': '"”', '＂': '＂"', '“': '”"', '„': '“”"', '「': '」', '『': '』', '﹁': '﹂', '﹃': '﹄' };
const NEGATION = new Set(['-', '－', '−']);
const OR_WORDS = new Set(['OR', '|', '｜']);

/**
 * Makes any text a safe query string: control and format characters become spaces, spaces
 * collapse, and the result is cut to MAX_QUERY_LENGTH characters without splitting a surrogate pair.
 */
export function normalizeQuery(raw: string): string {
  return cut(clean(raw));
}

function clean(raw: string): string {
  return raw
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function cut(text: string): string {
  // Counting code points is only needed when the UTF-16 length could exceed the limit.
  if (text.length <= MAX_QUERY_LENGTH) return text;
  const chars = Array.from(text);
  return chars.length <= MAX_QUERY_LENGTH ? text : chars.slice(0, MAX_QUERY_LENGTH).join('').trimEnd();
}

/** Cuts a token to MAX_TOKEN_LENGTH characters; the index applies the same cut. */
export function clampToken(token: string): string {
  if (token.length <= MAX_TOKEN_LENGTH) return token;
  return Array.from(token).slice(0, MAX_TOKEN_LENGTH).join('');
}

/** What `parseQuery` gives for a query with nothing in it; needs no segmenter to make. */
export const EMPTY_QUERY: ParsedQuery = { text: '', must: [], not: [], highlight: [], truncated: false };

/**
 * Parses a reader's query. Words are segmented as documents are, so either script and
 * 2-character words match; "quoted text" is a phrase; a leading `-` excludes a word or phrase;
 * `OR` (or `|`) between two items accepts either. Everything else is plain text: `*`, `(`,
 * `NEAR(`, `title:x` or SQL are only words (or nothing) here.
 *
 * @example
 * parseQuery('雜誌 "台風 警報" -體育 颱風 OR 地震', segmenter)
 * // must: [[all 杂志], [phrase 台风 警报], [all 台风 | all 地震]], not: [all 体育]
 */
export function parseQuery(raw: string, segmenter: Segmenter): ParsedQuery {
  const full = clean(raw);
  const text = cut(full);
  const groups: Unit[][] = [];
  const not: Unit[] = [];
  let budget = MAX_QUERY_TOKENS;
  let truncated = text.length < full.length;
  let joinNext = false;
  for (const item of lex(text)) {
    if (item.kind === 'or') {
      joinNext = groups.length > 0;
      continue;
    }
    const unit = toUnit(item, segmenter);
    if (!unit) continue;
    if (item.negated) {
      not.push(unit);
      joinNext = false;
      continue;
    }
    let kept = unit;
    if (unit.terms.length > budget) {
      truncated = true;
      if (budget === 0) break;
      kept = { kind: unit.kind, terms: unit.terms.slice(0, budget) };
    }
    budget -= kept.terms.length;
    if (joinNext) groups[groups.length - 1]!.push(kept);
    else groups.push([kept]);
    joinNext = false;
  }
  const highlight = [...new Set(groups.flatMap((g) => g.flatMap((u) => u.terms.map((t) => t.token))))].sort((a, b) => b.length - a.length);
  return { text, must: groups, not, highlight, truncated };
}

/**
 * The same query with every token of plain words matching as a prefix (杂 also finds 杂志社):
 * the second try when the exact words find nothing. Undefined when there is nothing to relax.
 */
export function relaxQuery(q: ParsedQuery): ParsedQuery | undefined {
  let changed = false;
  const must = q.must.map((g) =>
    g.map((u): Unit => {
      if (u.kind !== 'all' || u.terms.every((t) => t.prefix)) return u;
      changed = true;
      return { kind: 'all', terms: u.terms.map((t) => ({ token: t.token, prefix: true })) };
    }),
  );
  return changed ? { ...q, must } : undefined;
}

/**
 * Queries for typeahead, to try in order until one finds something. The words typed before
 * the last space must all occur; the last chunk, still being typed, is first tried whole as a
 * prefix (台積 finds 台积电, a token jieba would split), then segmented with its last word as
 * a prefix (美国总统选 finds 美国, 总统, 选举).
 */
export function prefixQueries(raw: string, segmenter: Segmenter): ParsedQuery[] {
  const text = normalizeQuery(raw).replace(/["“”„「」『』﹁﹂﹃﹄＂]/g, ' ').trim();
  const space = text.lastIndexOf(' ');
  const done = segmenter.words(text.slice(0, Math.max(space, 0))).map(clampToken).slice(0, 6);
  const last = segmenter.normalizer.normalize(text.slice(space + 1)).replace(/[^\p{L}\p{N}]+/gu, '');
  if (last === '') return done.length > 0 ? [typeahead(text, done, [])] : [];
  const parts = segmenter.allWords(last).map(clampToken);
  const out = [typeahead(text, done, [clampToken(last)])];
  if (parts.length > 1) out.push(typeahead(text, [...done, ...parts.slice(0, -1)], parts.slice(-1)));
  return out;
}

function typeahead(text: string, whole: readonly string[], prefixes: readonly string[]): ParsedQuery {
  const terms = [...whole.map((token) => ({ token, prefix: false })), ...prefixes.map((token) => ({ token, prefix: true }))];
  return { text, must: [[{ kind: 'all', terms }]], not: [], highlight: [...whole, ...prefixes], truncated: false };
}

function toUnit(item: Extract<Item, { kind: 'word' | 'phrase' }>, segmenter: Segmenter): Unit | undefined {
  // Words use the precise cut (the index holds each word and, from search mode, its parts);
  // phrases use search mode, the very token sequence the index stores.
  const tokens = (item.kind === 'phrase' ? segmenter.searchTokens(item.text) : segmenter.words(item.text)).map(clampToken);
  if (tokens.length === 0) return undefined;
  const terms = tokens.map((token) => ({ token, prefix: false }));
  return { kind: item.kind === 'phrase' && terms.length > 1 ? 'phrase' : 'all', terms };
}

/** Splits a query into words, quoted phrases and OR operators. */
function lex(text: string): Item[] {
  const items: Item[] = [];
  const chars = Array.from(text);
  let i = 0;
  while (i < chars.length) {
    const c = chars[i]!;
    if (c === ' ') {
      i++;
      continue;
    }
    let negated = false;
    if (NEGATION.has(c) && i + 1 < chars.length && chars[i + 1] !== ' ') {
      negated = true;
      i++;
    }
    const open = chars[i]!;
    const closers = CLOSERS[open];
    if (closers) {
      let j = i + 1;
      while (j < chars.length && !closers.includes(chars[j]!)) j++;
      items.push({ kind: 'phrase', text: chars.slice(i + 1, j).join(''), negated });
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < chars.length && chars[j] !== ' ' && !(j > i && CLOSERS[chars[j]!])) j++;
    const word = chars.slice(i, j).join('');
    i = j;
    if (!negated && OR_WORDS.has(word)) items.push({ kind: 'or' });
    else items.push({ kind: 'word', text: word, negated });
  }
  return items;
}
