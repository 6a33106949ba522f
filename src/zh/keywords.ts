import { jiebaFile } from './jieba-files.js';
import type { Segmenter } from './segment.js';

/** A keyword and its TF-IDF weight. */
export interface Keyword {
  readonly word: string;
  readonly weight: number;
}

/** Document frequencies learned from the site's own articles. */
export interface SiteIdf {
  /** Number of documents counted. */
  readonly documents: number;
  /** Documents each word occurs in. */
  readonly frequency: ReadonlyMap<string, number>;
}

/** Below this many articles the site's own statistics are too thin to trust. */
export const MIN_SITE_DOCUMENTS = 30;

/**
 * TF-IDF keyword extraction. IDF comes from the site's own articles once there are enough of
 * them (a word every article of this site uses is no keyword here, whatever jieba's corpus
 * says), falling back to jieba's IDF table for words the site has not seen.
 *
 * @example
 * const kw = new KeywordExtractor(segmenter);
 * kw.extract('哈萨克斯坦的杂志…', 5) // [{ word: '哈萨克斯坦', weight: … }, …]
 */
export class KeywordExtractor {
  readonly #segmenter: Segmenter;
  readonly #jiebaIdf: Map<string, number>;
  readonly #medianIdf: number;
  #site: SiteIdf | undefined;

  constructor(segmenter: Segmenter) {
    this.#segmenter = segmenter;
    this.#jiebaIdf = parseIdf(jiebaFile('idf.txt').toString('utf8'));
    const values = [...this.#jiebaIdf.values()].sort((a, b) => a - b);
    this.#medianIdf = values[Math.floor(values.length / 2)] ?? 10;
  }

  /** Uses document frequencies from the site's articles from now on. */
  learn(site: SiteIdf): void {
    this.#site = site;
  }

  /** The IDF of a (normalized) word. */
  idf(word: string): number {
    const site = this.#site;
    if (site && site.documents >= MIN_SITE_DOCUMENTS) {
      const df = site.frequency.get(word);
      if (df !== undefined) return Math.log((site.documents + 1) / (df + 0.5));
    }
    return this.#jiebaIdf.get(word) ?? this.#medianIdf;
  }

  /** The `top` keywords of a text, strongest first; ties broken by first occurrence. */
  extract(text: string, top = 10): Keyword[] {
    const words = this.#segmenter.words(text).filter((w) => [...w].length >= 2 && !/^[\d.,%]+$/.test(w));
    if (words.length === 0) return [];
    const tf = new Map<string, number>();
    for (const w of words) tf.set(w, (tf.get(w) ?? 0) + 1);
    const order = [...tf.keys()];
    return order
      .map((word, i) => ({ word, weight: ((tf.get(word) ?? 0) / words.length) * this.idf(word), i }))
      .sort((a, b) => b.weight - a.weight || a.i - b.i)
      .slice(0, top)
      .map(({ word, weight }) => ({ word, weight }));
  }
}

function parseIdf(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const space = line.lastIndexOf(' ');
    if (space > 0) out.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return out;
}
