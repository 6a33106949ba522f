import type { Config } from '../../config/index.js';
import type { ArticleReader } from '../../content/article.reader.js';
import type { ArticleRepo } from '../../content/article.repo.js';
import type { RevisionRepo } from '../../content/revision.repo.js';
import type { SectionService } from '../../content/section.service.js';
import type { ArticleSnapshot } from '../../content/snapshot.js';
import type { ArticleView } from '../../content/views.js';
import { isAppError } from '../../errors/index.js';
import type { EventBus } from '../../events/bus.js';
import type { Cluster } from '../../events/cluster.js';
import { monthOf } from '../../site/month.js';
import type { Freshness } from './entry.js';
import { FallbackLog } from './fallback-log.js';
import { PageCache } from './page-cache.js';
import { EVERYTHING, InvalidationPlanner, type ArticleState, type PlannerDeps } from './planner.js';
import { PageTagger, tag } from './tags.js';

/** Articles of one author purged by name at most; beyond, a byline change purges everything. */
const MAX_NAMED_ARTICLES = 5000;

/** Dependencies of the page cache. */
export interface PageCachingDeps {
  readonly config: Pick<Config, 'pageCache' | 'pageCacheTtl' | 'pageCacheSwr' | 'pageCacheBrowserTtl' | 'pageCacheMaxMb'>;
  readonly cluster: Cluster;
  readonly planner: InvalidationPlanner;
  /** Where a failed purge plan is reported (it never throws out of an event). */
  readonly warn?: (message: string, err: unknown) => void;
}

/**
 * The page cache of one process and how it stays exact: content events become purges through
 * the planner, each purge is also sent to the other processes, theirs are applied here, and a
 * resync after a cluster outage drops everything (purges may have been lost).
 */
export class PageCaching {
  readonly enabled: boolean;
  readonly cache: PageCache;
  /** Read per stored page: the lifetimes are site settings an admin can change (src/settings). */
  get freshness(): Freshness {
    const c = this.#d.config;
    return { ttl: c.pageCacheTtl, swr: c.pageCacheSwr, browserTtl: c.pageCacheBrowserTtl };
  }
  readonly fallbacks = new FallbackLog();
  /** Derives routes' tags; undefined when the cache is off, so routes skip the work. */
  readonly tagger: PageTagger | undefined;
  readonly #d: PageCachingDeps;

  constructor(deps: PageCachingDeps) {
    this.#d = deps;
    const c = deps.config;
    this.enabled = c.pageCache === 'on';
    this.cache = new PageCache({ maxBytes: c.pageCacheMaxMb * 1024 * 1024 });
    this.tagger = this.enabled ? new PageTagger({ fallbacks: this.fallbacks }) : undefined;
    deps.cluster.onMessage((m) => {
      if (m.type === 'cache.purge') this.cache.purge(m.tags);
      else if (m.type === 'cache.purgeAll') this.cache.purgeAll();
    });
    deps.cluster.onResync(() => this.cache.purgeAll());
  }

  /** Purges on every content event, after the listeners subscribed before it. */
  subscribe(events: EventBus): void {
    const apply = async (event: Parameters<InvalidationPlanner['plan']>[0]) => {
      try {
        const tags = await this.#d.planner.plan(event);
        if (tags === EVERYTHING) this.purgeAll();
        else this.purge(tags);
      } catch (err) {
        // Unable to tell what changed: everything is stale rather than something wrongly fresh.
        this.#d.warn?.('page cache purge plan failed; purging everything', err);
        this.purgeAll();
      }
    };
    events.on('article.saved', apply);
    events.on('article.deleted', apply);
    events.on('dictionary.changed', apply);
    events.on('settings.changed', apply);
    events.on('taxonomy.changed', apply);
    events.on('author.changed', apply);
    events.on('featured.changed', apply);
  }

  /** Purges pages carrying any of `tags`, here and in every other process. */
  purge(tags: readonly string[]): void {
    if (tags.length === 0) return;
    this.cache.purge(tags);
    this.#d.cluster.publish({ type: 'cache.purge', tags });
  }

  /** Purges every page, here and in every other process. */
  purgeAll(): void {
    this.cache.purgeAll();
    this.#d.cluster.publish({ type: 'cache.purgeAll' });
  }

  /** Related lists of these articles changed (src/recommend/related.service.ts): their own pages go. */
  relatedChanged(articleIds: readonly number[]): void {
    this.purge([...new Set(articleIds)].map(tag.blocks));
  }
}

/** Builds the page cache with a planner over the content services (see container.ts). */
export function pageCaching(d: {
  config: PageCachingDeps['config'] & Pick<Config, 'timezone'>;
  cluster: Cluster;
  reader: ArticleReader;
  revisions: RevisionRepo;
  sectionService: SectionService;
  /** Finds an author's articles when their byline changes; without it, such a change purges everything. */
  articleRepo?: Pick<ArticleRepo, 'listPublishedIds'>;
  warn?: PageCachingDeps['warn'];
}): PageCaching {
  const planner = new InvalidationPlanner(plannerDeps(d));
  return new PageCaching({ config: d.config, cluster: d.cluster, planner, warn: d.warn });
}

/** The planner's reads, over the article reader, revisions and the section tree. */
export function plannerDeps(d: {
  config: Pick<Config, 'timezone'>;
  reader: ArticleReader;
  revisions: RevisionRepo;
  sectionService: SectionService;
  articleRepo?: Pick<ArticleRepo, 'listPublishedIds'>;
}): PlannerDeps {
  const repo = d.articleRepo;
  return {
    authorArticles: repo
      ? async (userId) => {
          // Past this many, naming each page costs more than re-rendering them all.
          const ids = await repo.listPublishedIds({ authorId: userId }, MAX_NAMED_ARTICLES + 1);
          return ids.length > MAX_NAMED_ARTICLES ? undefined : ids;
        }
      : undefined,
    current: async (id) => {
      try {
        return stateOfView(await d.reader.any(id));
      } catch (err) {
        if (isAppError(err, 'JD_ERR_CONTENT_ARTICLE_NOT_FOUND')) return undefined;
        throw err;
      }
    },
    revisions: async (id) => (await d.revisions.list(id, 2, 0)).map((r) => stateOfSnapshot(JSON.parse(r.snapshot) as ArticleSnapshot)),
    sectionChain: async (slug) => {
      const index = await d.sectionService.index();
      // The section and its ancestors (listings include sub-sections' articles).
      const out: string[] = [slug];
      for (let node = index.bySlug.get(slug); node?.parentId != null && out.length < 20; ) {
        node = index.byId.get(node.parentId);
        if (node) out.push(node.slug);
      }
      return out;
    },
    monthOf: (iso) => monthOf(iso, d.config.timezone),
  };
}

function flagsOf(f: { headline: boolean; featured: boolean; slideshow: boolean }): string {
  return `${f.headline ? 'h' : ''}${f.featured ? 'f' : ''}${f.slideshow ? 's' : ''}`;
}

function stateOfView(a: ArticleView): ArticleState {
  return {
    published: a.status === 'published',
    section: a.section.slug,
    tags: a.tags.map((t) => t.slug),
    authors: a.authors.map((x) => x.slug),
    publishedAt: a.publishedAt,
    flags: flagsOf(a.flags),
    card: '',
  };
}

function stateOfSnapshot(s: ArticleSnapshot): ArticleState {
  const card = JSON.stringify([s.status, s.title, s.summary, s.slug, s.section, s.publishedAt, s.lang, s.cover?.mediaId ?? null]);
  return { published: s.status === 'published', section: s.section, tags: s.tags, authors: s.authors, publishedAt: s.publishedAt ?? null, flags: flagsOf(s.flags), card };
}
