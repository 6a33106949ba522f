import type { ArticleReader } from '../content/article.reader.js';
import type { EventBus } from '../events/bus.js';
import { INDEX_FIELDS, type SearchBackend } from './backend.js';
import { indexDocOf } from './document.js';
import type { SearchRepo } from './search.repo.js';
import type { SiteKeywords } from './site-keywords.js';
import type { TextEngine } from './text-engine.js';

/** Articles read, segmented and written per transaction during a rebuild. */
const REINDEX_BATCH = 250;

/** What a rebuild did. */
export interface ReindexResult {
  /** Articles indexed (every status). */
  readonly articles: number;
  /** Of those, published ones (what readers can find). */
  readonly published: number;
  /** Index entries removed because their article no longer exists. */
  readonly pruned: number;
  readonly seconds: number;
  /** Distinct words the site's keyword IDF was learned from. */
  readonly words: number;
}

/** Progress callback: articles done so far and the total. */
export type ReindexProgress = (done: number, total: number) => void;

/** Dependencies of the indexer. */
export interface SearchIndexerDeps {
  readonly backend: SearchBackend;
  readonly searchRepo: SearchRepo;
  readonly reader: ArticleReader;
  readonly engine: TextEngine;
  readonly keywords: SiteKeywords;
}

/**
 * Keeps the search index in step with the articles. Every save re-indexes the article: a
 * published one into the readers' index, any other status into the newsroom's, so an article
 * leaves public search the moment it leaves "published" and editors can still find drafts.
 */
export class SearchIndexer {
  readonly #d: SearchIndexerDeps;
  constructor(deps: SearchIndexerDeps) {
    this.#d = deps;
  }

  /** Indexes on every save and removes on delete. */
  subscribe(events: EventBus): void {
    events.on('article.saved', (e) => this.indexArticles([e.articleId]));
    events.on('article.deleted', (e) => this.#d.backend.remove([e.articleId]));
  }

  /** (Re)indexes articles by id in their current state; ids with no article are removed. */
  async indexArticles(ids: readonly number[]): Promise<void> {
    const rows = await this.#d.searchRepo.articles(ids);
    const gone = ids.filter((id) => !rows.some((r) => r.id === id));
    if (gone.length > 0) await this.#d.backend.remove(gone);
    if (rows.length === 0) return;
    const segmenter = await this.#d.engine.segmenter();
    const views = await this.#d.reader.hydrate(rows);
    await this.#d.backend.upsert(views.map((v) => indexDocOf(v, segmenter)));
  }

  /**
   * Rebuilds the whole index from the articles, newest first, batch by batch (the index stays
   * searchable meanwhile), removes entries of deleted articles, compacts the index, and stores
   * and learns the site's keyword IDF from the tokens it indexed.
   */
  async reindex(onProgress: ReindexProgress = () => {}): Promise<ReindexResult> {
    const started = performance.now();
    const total = await this.#d.searchRepo.countArticles();
    const segmenter = await this.#d.engine.segmenter();
    const seen = new Set<number>();
    // Document frequencies for keywords, counted from the very tokens being indexed: reading
    // them back from the index afterwards would scan all of it.
    const frequency = new Map<string, number>();
    let published = 0;
    // Newest first (ids grow with time): the index learns early which documents are recent.
    let beforeId: number | undefined;
    onProgress(0, total);
    for (;;) {
      const rows = await this.#d.searchRepo.articlesBefore(beforeId, REINDEX_BATCH);
      if (rows.length === 0) break;
      beforeId = rows[rows.length - 1]!.id;
      const docs = (await this.#d.reader.hydrate(rows)).map((v) => indexDocOf(v, segmenter));
      await this.#d.backend.upsert(docs);
      for (const d of docs) {
        seen.add(d.articleId);
        if (!d.published) continue;
        published++;
        for (const token of new Set(INDEX_FIELDS.flatMap((f) => d.fields[f]))) frequency.set(token, (frequency.get(token) ?? 0) + 1);
      }
      onProgress(Math.min(seen.size, Math.max(total, seen.size)), Math.max(total, seen.size));
      // SQLite answers synchronously: let signals and other work in between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const stale = (await this.#d.backend.indexedArticleIds()).filter((id) => !seen.has(id));
    await this.#d.backend.remove(stale);
    await this.#d.backend.optimize();
    const idf = { documents: published, frequency };
    await this.#d.searchRepo.saveTerms(idf);
    this.#d.keywords.learn(idf);
    return { articles: seen.size, published, pruned: stale.length, seconds: (performance.now() - started) / 1000, words: frequency.size };
  }
}
