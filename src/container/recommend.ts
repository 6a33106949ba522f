import type { Config } from '../config/index.js';
import type { Container, ContainerOptions } from '../container.js';
import type { ArticleReader } from '../content/article.reader.js';
import type { SectionService } from '../content/section.service.js';
import type { Db } from '../db/index.js';
import type { EventBus } from '../events/bus.js';
import type { Cluster } from '../events/cluster.js';
import type { Lease } from '../events/lease.js';
import { SharedLimit } from '../events/rate-store.js';
import { Recommender } from '../recommend/blocks.js';
import { CovisitBlock } from '../recommend/covisit.source.js';
import { CovisitRepo } from '../recommend/covisit.repo.js';
import { FeaturedBlock } from '../recommend/featured.source.js';
import { FeaturedRepo } from '../recommend/featured.repo.js';
import { FeaturedService } from '../recommend/featured.service.js';
import { PopularLists } from '../recommend/popular.js';
import { PopularRepo } from '../recommend/popular.repo.js';
import type { RelatedRepo } from '../recommend/related.repo.js';
import { StoredRelatedSource } from '../recommend/related.source.js';
import { SimpleSources } from '../recommend/simple.js';
import { DEFAULT_LIMITS, ViewIngest } from '../recommend/views-ingest.js';
import { ViewsRepo } from '../recommend/views.repo.js';
import { ViewsService } from '../recommend/views.service.js';
import { RelatedWords } from '../recommend/words.service.js';
import { WordsRepo } from '../recommend/words.repo.js';
import type { PageCaching } from '../render/cache/page-caching.js';
import type { TextEngine } from '../search/text-engine.js';
import { backgroundWarn } from './background-log.js';

/**
 * The blocks under articles and what feeds them: related words, reading counts, 精彩推薦 picks
 * and 推薦閱讀's co-visits, with the "newest" lists as every block's fallback.
 */
export function recommendServices(
  k: Db['kysely'],
  config: Config,
  now: () => Date,
  options: Pick<ContainerOptions, 'now' | 'rates'>,
  d: { reader: ArticleReader; sectionService: SectionService; relatedRepo: RelatedRepo; engine: TextEngine; pages: PageCaching; events: EventBus; cluster: Cluster; lease: Lease },
): { words: RelatedWords; views: Container['views']; recommender: Recommender } {
  const { reader, sectionService, relatedRepo, engine, pages, events, cluster, lease } = d;
  // Pages whose blocks fall back to "newest" lists are recorded: any publish changes them.
  const simple = pages.fallbacks.wrap(new SimpleSources({ reader }));
  const relatedWords = new RelatedWords({ words: new WordsRepo(k), related: relatedRepo, reader, normalize: (t) => engine.normalizer.normalize(t), fallback: simple, now });
  relatedWords.subscribe(events, cluster);
  // Views: beacons go to memory; a timer (started by the HTTP routes) writes them in batches.
  const clock = options.now ? () => now().getTime() : Date.now;
  const viewsRepo = new ViewsRepo(k);
  const covisitRepo = new CovisitRepo(k);
  const popularRepo = new PopularRepo(k);
  // Maintenance is shared by all processes (the database records when it last ran); one runs it.
  const mayMaintain = () => lease.hold('views.maintain', 2 * DEFAULT_LIMITS.maintainMs);
  // With several processes, the beacon flood limit also holds site-wide: a burst plus the refill of one minute.
  const rate = DEFAULT_LIMITS.rate;
  const shared = options.rates ? new SharedLimit({ store: options.rates, limit: rate.burst + 60_000 / rate.refillMs, windowMs: 60_000, max: rate.max }) : undefined;
  const ingest = new ViewIngest({ views: viewsRepo, covisit: covisitRepo, clock, hotHalfLifeHours: config.hotHalfLifeHours, warn: backgroundWarn(config), mayMaintain, shared });
  const lists = new PopularLists({ views: viewsRepo, popular: popularRepo, sectionService, clock });
  const featured = new FeaturedService({ featuredRepo: new FeaturedRepo(k), now, onChange: () => lists.clear(), events });
  // Picks and flags changed by another process arrive as its page purges: re-read them before pages re-render.
  cluster.onMessage(() => lists.clear());
  cluster.onResync(() => lists.clear());
  events.on('article.saved', (e) => {
    ingest.articleChanged(e.articleId, e.status === 'published');
    // A flag or status change can move an article in or out of 精彩推薦 picks.
    lists.clear();
  });
  events.on('article.deleted', (e) => ingest.articleChanged(e.articleId, false));
  const featuredBlock = new FeaturedBlock({ picks: featured, lists, popular: popularRepo, reader, fallback: simple });
  const covisitBlock = new CovisitBlock({ covisit: covisitRepo, lists, popular: popularRepo, reader, clock, fallback: simple });
  return {
    words: relatedWords,
    views: {
      ingest,
      service: new ViewsService({ views: viewsRepo, popular: popularRepo, reader, sectionService, ingest, now }),
      featured,
      covisit: covisitBlock,
    },
    // The blocks under articles, each from its source.
    recommender: new Recommender({ related: new StoredRelatedSource({ repo: relatedRepo, reader, fallback: simple }), words: relatedWords, featured: featuredBlock, recommended: covisitBlock }),
  };
}
