import { KeywordExtractor, type Keyword, type SiteIdf } from '../zh/keywords.js';
import type { Segmenter } from '../zh/segment.js';
import type { SearchBackend } from './backend.js';
import type { SearchRepo } from './search.repo.js';
import type { TextEngine } from './text-engine.js';

/** How long learned document frequencies are used before they are read again. */
const RELEARN_AFTER_MS = 60 * 60 * 1000;
/**
 * Before its first rebuild a site has no stored frequencies; an index this small is counted
 * directly (a fraction of a second). A larger one would block SQLite for seconds: until
 * `jiaodian reindex` stores them, jieba's IDF stands in.
 */
const SCAN_INDEX_UP_TO = 20_000;

/**
 * Keywords of a text, weighed by the site's own articles: document frequencies of the indexed
 * tokens, stored by every `jiaodian reindex` and read on first use in a process (the server
 * reads them at start) and hourly, so a word every article here uses is no keyword, whatever
 * jieba's corpus says.
 */
export class SiteKeywords {
  readonly #engine: TextEngine;
  readonly #backend: SearchBackend;
  readonly #repo: SearchRepo;
  #extractor: { segmenter: Segmenter; extractor: KeywordExtractor } | undefined;
  #site: { idf: SiteIdf; at: number } | undefined;
  #learning: Promise<SiteIdf> | undefined;

  constructor(deps: { engine: TextEngine; backend: SearchBackend; searchRepo: SearchRepo }) {
    this.#engine = deps.engine;
    this.#backend = deps.backend;
    this.#repo = deps.searchRepo;
  }

  /**
   * The `top` keywords of a text, strongest first.
   *
   * @example
   * (await keywords.extract('颱風逼近，氣象局發布海上警報…', 3)).map((k) => k.word) // ['台风', '警报', …]
   */
  async extract(text: string, top = 10): Promise<Keyword[]> {
    const extractor = await this.#current();
    if (!this.#site || Date.now() - this.#site.at > RELEARN_AFTER_MS) extractor.learn(await this.relearn());
    return extractor.extract(text, top);
  }

  /** Reads the stored document frequencies now (or counts a small index that has none). */
  async relearn(): Promise<SiteIdf> {
    this.#learning ??= this.#read()
      .then((idf) => this.learn(idf))
      .finally(() => (this.#learning = undefined));
    return this.#learning;
  }

  /** Uses these document frequencies from now on (a rebuild just counted them). */
  learn(idf: SiteIdf): SiteIdf {
    this.#site = { idf, at: Date.now() };
    this.#extractor?.extractor.learn(idf);
    return idf;
  }

  async #read(): Promise<SiteIdf> {
    const stored = await this.#repo.terms();
    if (stored) return stored;
    if ((await this.#repo.publishedIndexed()) <= SCAN_INDEX_UP_TO) return this.#backend.documentFrequencies();
    return { documents: 0, frequency: new Map() };
  }

  async #current(): Promise<KeywordExtractor> {
    const segmenter = await this.#engine.segmenter();
    // A new segmenter (a word was removed) needs a new extractor, which keeps what was learned.
    if (this.#extractor?.segmenter !== segmenter) {
      const extractor = new KeywordExtractor(segmenter);
      if (this.#site) extractor.learn(this.#site.idf);
      this.#extractor = { segmenter, extractor };
    }
    return this.#extractor.extractor;
  }
}
