import type { ArticleView } from '../content/views.js';
import { htmlToText } from '../guard/sanitize.js';
import type { Segmenter } from '../zh/segment.js';
import { simhash } from './simhash.js';

/** The text engine as related reading uses it: segmentation and the site's IDF. */
export interface TextTools {
  readonly segmenter: Segmenter;
  /** Inverse document frequency of a normalized word (the site's once it has enough articles). */
  idf(word: string): number;
}

/** One weighted term of a keyword vector. */
export interface TermWeight {
  /** Normalized: Simplified, lower case, NFKC; so both scripts meet. */
  readonly term: string;
  readonly weight: number;
}

/** What related reading knows of an article: its vector and what the score needs besides. */
export interface RelatedDoc {
  readonly articleId: number;
  /** Strongest first, unit length (so a dot product is a cosine). */
  readonly terms: readonly TermWeight[];
  /** SimHash of the title and body (see simhash.ts). */
  readonly simhash: string;
  readonly sectionId: number;
  readonly publishedAt: string | null;
  /** Normalized tag names: a tag written in the other script is the same tag. */
  readonly tags: readonly string[];
}

/** Terms kept per article: enough to describe a news story, few enough to look up quickly. */
export const MAX_TERMS = 25;

/**
 * How much one occurrence counts in each part. The title and tags say what the story is
 * about; the summary restates it; the body is long and wanders.
 */
export const FIELD_WEIGHTS = { title: 3, subtitle: 2, summary: 2, body: 1, tags: 3 } as const;

// Single characters are mostly grammar or ambiguous; numbers, counts and dates (123, 七个,
// 十五天, 二〇三〇年) say nothing of the topic.
const NUMERIC = /^[\d.,%:/\-+]+$/u;
const COUNT = /^[\d零〇一二两三四五六七八九十百千万亿几多半第]+[个位名项次年月日天号时分秒周岁倍成]?$/u;

/** Whether a normalized word may be a term. */
export function isTermWord(word: string): boolean {
  return [...word].length >= 2 && !NUMERIC.test(word) && !COUNT.test(word);
}

/**
 * The keyword vector and fingerprint of an article: TF-IDF with sublinear term frequency,
 * `(1 + ln tf) × idf`, where tf counts each occurrence with its field's weight; tag names
 * are terms of their own besides their words. The `MAX_TERMS` strongest are kept and scaled
 * to unit length.
 *
 * @example
 * relatedDocOf(article, { segmenter, idf: (w) => extractor.idf(w) }).terms[0] // { term: '台风', weight: 0.41 }
 */
export function relatedDocOf(article: ArticleView, tools: TextTools): RelatedDoc {
  const { segmenter } = tools;
  const tf = new Map<string, number>();
  const add = (word: string, weight: number) => {
    if (isTermWord(word)) tf.set(word, (tf.get(word) ?? 0) + weight);
  };
  const title = segmenter.words(article.title);
  const body = segmenter.words(htmlToText(article.bodyHtml));
  for (const w of title) add(w, FIELD_WEIGHTS.title);
  for (const w of segmenter.words(article.subtitle)) add(w, FIELD_WEIGHTS.subtitle);
  for (const w of segmenter.words(article.summary)) add(w, FIELD_WEIGHTS.summary);
  for (const w of body) add(w, FIELD_WEIGHTS.body);
  const tags = [...new Set(article.tags.map((t) => segmenter.normalizer.normalize(t.name.trim())).filter((t) => t.length > 0))];
  for (const tag of tags) {
    add(tag, FIELD_WEIGHTS.tags);
    const parts = segmenter.words(tag);
    if (parts.length > 1) for (const w of parts) add(w, FIELD_WEIGHTS.tags / 3);
  }
  return {
    articleId: article.id,
    terms: topTerms(tf, tools),
    simhash: simhash([...title, ...body]),
    sectionId: article.section.id,
    publishedAt: article.publishedAt,
    tags,
  };
}

/** The dot product of two unit vectors: their cosine similarity. */
export function cosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, w] of small) {
    const v = large.get(term);
    if (v !== undefined) dot += w * v;
  }
  return dot;
}

/** A vector as a map, for `cosine`. */
export function termMap(terms: readonly TermWeight[]): Map<string, number> {
  return new Map(terms.map((t) => [t.term, t.weight]));
}

function topTerms(tf: ReadonlyMap<string, number>, tools: TextTools): TermWeight[] {
  const scored = [...tf].map(([term, f]) => ({ term, weight: (1 + Math.log(f)) * tools.idf(term) })).filter((t) => t.weight > 0);
  // Ties broken by the word itself, so the same text always gives the same vector.
  scored.sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  const top = scored.slice(0, MAX_TERMS);
  const norm = Math.sqrt(top.reduce((s, t) => s + t.weight * t.weight, 0));
  return norm > 0 ? top.map((t) => ({ term: t.term, weight: t.weight / norm })) : [];
}
