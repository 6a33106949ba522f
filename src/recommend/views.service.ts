import { z } from 'zod';
import type { ArticleReader } from '../content/article.reader.js';
import type { SectionService } from '../content/section.service.js';
import { descendantIds } from '../content/section.service.js';
import type { ArticleView } from '../content/views.js';
import { parseOrThrow } from '../errors/index.js';
import type { PopularRepo } from './popular.repo.js';
import type { ViewIngest } from './views-ingest.js';
import type { ViewCounts, ViewsRepo } from './views.repo.js';

/** Options of a "most read" list. */
const topInput = z.object({
  days: z
    .number({ error: 'a whole number of days from 1 to 7 (hourly counts are kept 8 days)' })
    .int('a whole number of days from 1 to 7 (hourly counts are kept 8 days)')
    .min(1, 'a whole number of days from 1 to 7 (hourly counts are kept 8 days)')
    .max(7, 'a whole number of days from 1 to 7 (hourly counts are kept 8 days)')
    .optional(),
  limit: z.number().int().min(1, 'from 1 to 100').max(100, 'from 1 to 100').default(20),
  section: z.string().min(1).optional(),
});

/** One line of a "most read" list. */
export interface TopEntry {
  readonly article: ArticleView;
  readonly views: number;
}

/** Dependencies of the views service. */
export interface ViewsServiceDeps {
  readonly views: ViewsRepo;
  readonly popular: PopularRepo;
  readonly reader: ArticleReader;
  readonly sectionService: SectionService;
  readonly ingest: ViewIngest;
  readonly now: () => Date;
}

/**
 * Reading counts for the newsroom: per article (all time, 24 hours, 7 days) and the most read
 * lists behind `jiaodian views top`. Counts are what has been flushed: at most a couple of
 * seconds behind the beacons.
 *
 * @example
 * const { total, last24h, last7d } = await views.counts(42);
 */
export class ViewsService {
  readonly #d: ViewsServiceDeps;
  constructor(deps: ViewsServiceDeps) {
    this.#d = deps;
  }

  /** Views of one article; zeros for an article nobody has read (or that does not exist). */
  async counts(articleId: number): Promise<ViewCounts> {
    return (await this.#d.views.counts([articleId], this.#d.now())).get(articleId)!;
  }

  /** Views of several articles at once (newsroom lists), in one pair of queries. */
  countsFor(articleIds: readonly number[]): Promise<Map<number, ViewCounts>> {
    return this.#d.views.counts(articleIds, this.#d.now());
  }

  /**
   * The most read published articles of the last `days` days (1–7), or of all time without
   * `days`, optionally in a section and the sections below it.
   */
  async top(raw: unknown = {}): Promise<TopEntry[]> {
    const input = parseOrThrow(topInput, raw);
    const sectionIds = input.section ? descendantIds((await this.#d.sectionService.require(input.section)).section) : undefined;
    const rows = await this.#d.views.top(
      { ...(input.days !== undefined ? { days: input.days } : {}), ...(sectionIds ? { sectionIds } : {}), limit: input.limit },
      this.#d.now(),
    );
    const views = new Map(rows.map((r) => [r.articleId, r.views]));
    const articles = await this.#d.reader.hydrate(await this.#d.popular.publishedRows(rows.map((r) => r.articleId)));
    return articles.map((article) => ({ article, views: views.get(article.id)! }));
  }

  /** What the ingestion did since this process started (beacons by outcome, buffer, maps). */
  ingestion(): ReturnType<ViewIngest['stats']> {
    return this.#d.ingest.stats();
  }
}
