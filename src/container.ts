import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Config } from './config/index.js';
import type { AccountService } from './auth/account.service.js';
import type { ApiTokenService } from './auth/api-token.service.js';
import type { AuditService } from './auth/audit.service.js';
import { siteIntegrityOptions } from './guard/article-integrity.js';
import type { AuthHttp } from './auth/http.js';
import type { LoginService } from './auth/login.service.js';
import { SessionRepo } from './auth/session.repo.js';
import { SessionService } from './auth/session.service.js';
import type { TotpService } from './auth/totp.service.js';
import { UserRepo } from './auth/user.repo.js';
import { UserService } from './auth/user.service.js';
import { ArticleReader } from './content/article.reader.js';
import { ArticleRepo } from './content/article.repo.js';
import { CardCache, CARDS_BEHIND_PAGE_CACHE } from './content/article.cards.js';
import { ArticleService } from './content/article.service.js';
import { RevisionRepo } from './content/revision.repo.js';
import { AuthorService } from './content/author.service.js';
import { BUDGETS_BEHIND_PAGE_CACHE } from './content/localize.js';
import { MediaRepo } from './content/media.repo.js';
import { MediaService } from './content/media.service.js';
import type { MediaLibrary } from './media/media-library.js';
import type { WebhookDispatcher } from './webhooks/dispatcher.js';
import type { WebhookService } from './webhooks/webhook.service.js';
import { transactor } from './content/repos.js';
import { SectionRepo } from './content/section.repo.js';
import { SectionService } from './content/section.service.js';
import { TagRepo } from './content/tag.repo.js';
import { TagService } from './content/tag.service.js';
import { migrateToLatest, openDatabase, type Db } from './db/index.js';
import type { Recommender } from './recommend/blocks.js';
import type { RelatedService } from './recommend/related.service.js';
import type { RelatedWords } from './recommend/words.service.js';
import type { SearchIndexer } from './search/indexer.js';
import type { SearchService } from './search/search.service.js';
import type { SiteKeywords } from './search/site-keywords.js';
import type { UserWordsService } from './search/user-words.service.js';
import { DictionaryRepo } from './dictionary/dictionary.repo.js';
import { DictionaryService } from './dictionary/dictionary.service.js';
import { siteSettingsOf } from './settings/wiring.js';
import type { SiteSettingsService } from './settings/site-settings.service.js';
import { ScriptConverter } from './zh/convert.js';
import { EventBus } from './events/bus.js';
import { LocalCluster, type Cluster } from './events/cluster.js';
import { pageCaching, type PageCaching } from './render/cache/page-caching.js';
import { LocalLease, type Lease } from './events/lease.js';
import type { RateStore } from './events/rate-store.js';
import type { CovisitBlock } from './recommend/covisit.source.js';
import type { FeaturedService } from './recommend/featured.service.js';
import type { ViewIngest } from './recommend/views-ingest.js';
import type { ViewsService } from './recommend/views.service.js';
import { authServices } from './container/auth.js';
import { backgroundWarn } from './container/background-log.js';
import { mediaLibraryOf } from './container/media.js';
import { newsroomServices, type Newsroom } from './container/newsroom.js';
import { recommendServices } from './container/recommend.js';
import { relatedServices } from './container/related.js';
import { searchServices } from './container/search.js';
import { webhookServices } from './container/webhooks.js';

export type { Newsroom };

/** Every service, wired. */
export interface Container {
  readonly config: Config;
  readonly db: Db;
  readonly mediaDir: string;
  readonly articles: ArticleService;
  readonly sections: SectionService;
  readonly tags: TagService;
  readonly users: UserService;
  /**
   * Accounts and access (src/auth): sessions, API tokens, sign-in, members' own account, the
   * audit log, and `http.authenticate`, which every non-public endpoint group is registered with.
   */
  readonly auth: {
    readonly sessions: SessionService;
    readonly tokens: ApiTokenService;
    readonly login: LoginService;
    readonly account: AccountService;
    readonly totp: TotpService;
    readonly audit: AuditService;
    readonly http: AuthHttp;
  };
  readonly media: MediaService;
  /** The newsroom's image library (src/media): uploads checked, re-encoded and resized. */
  readonly mediaLibrary: MediaLibrary;
  /** Webhooks (src/webhooks): admin use cases and the background dispatcher. */
  readonly webhooks: { readonly service: WebhookService; readonly dispatcher: WebhookDispatcher };
  /**
   * The newsroom's content use cases: articles of every status with ownership checks, the
   * editorial workflow and its scheduler (started by the server, not by CLI commands),
   * revisions, and section and tag administration.
   */
  readonly newsroom: Newsroom;
  /** The site dictionary and the script conversion built on it. */
  readonly dictionary: DictionaryService;
  /** Site settings admins change in 網站設定 (src/settings); `settings.liveConfig()` is the config with them applied. */
  readonly settings: SiteSettingsService;
  /** Content events: publish, update, unpublish. */
  readonly events: EventBus;
  /** The other processes serving this site (Redis with `REDIS_URL`; nobody otherwise). */
  readonly cluster: Cluster;
  /** The page cache (src/render/cache): stored pages, purged exactly by content events and other processes. */
  readonly pageCaching: PageCaching;
  /** Who runs singleton background work among the processes (Redis with `REDIS_URL`; this one otherwise). */
  readonly lease: Lease;
  /** Full-text search: the index, its query service, editors' words and site keywords. */
  readonly search: {
    /** The same service as `site.search`. */
    readonly service: SearchService;
    readonly indexer: SearchIndexer;
    readonly words: UserWordsService;
    readonly keywords: SiteKeywords;
  };
  /** Related reading (stored lists, near-duplicates, rebuild) and related words (editors' pins). */
  readonly related: {
    readonly service: RelatedService;
    readonly words: RelatedWords;
  };
  /** Reading counts (beacon ingestion, editors' counts), 精彩推薦 picks and 推薦閱讀's co-visits. */
  readonly views: {
    readonly ingest: ViewIngest;
    readonly service: ViewsService;
    readonly featured: FeaturedService;
    readonly covisit: CovisitBlock;
  };
  /** What the public site and content API read through. */
  readonly site: {
    readonly reader: ArticleReader;
    readonly sectionService: SectionService;
    readonly tagService: TagService;
    readonly authorService: AuthorService;
    readonly recommender: Recommender;
    readonly search: SearchService;
  };
  close(): Promise<void>;
}

/** Options for building the container. */
export interface ContainerOptions {
  /** An already open database (tests); otherwise the configuration's is opened. */
  readonly db?: Db;
  /** The channel to the other processes (default: a lone process). */
  readonly cluster?: Cluster;
  /** Leases for singleton background work (default: this process holds them all). */
  readonly lease?: Lease;
  /** Counters shared by the processes, for site-wide rate limits (default: none, limits are per process). */
  readonly rates?: RateStore;
  /** Run migrations first (default true). */
  readonly migrate?: boolean;
  readonly now?: () => Date;
}

/**
 * The one place dependencies are wired: opens the database, brings its schema up to date and
 * builds every service with its dependencies passed in.
 */
export async function createContainer(config: Config, options: ContainerOptions = {}): Promise<Container> {
  const db = options.db ?? (await openDatabase(config));
  try {
    if (options.migrate !== false) await migrateToLatest(db);
  } catch (err) {
    if (!options.db) await db.close();
    throw err;
  }
  const now = options.now ?? (() => new Date());
  const k = db.kysely;
  const articleRepo = new ArticleRepo(k);
  const tagRepo = new TagRepo(k);
  const userRepo = new UserRepo(k);
  const mediaRepo = new MediaRepo(k);
  const sessions = new SessionService({ sessionRepo: new SessionRepo(k), now });
  const events = new EventBus();
  // Bylines and author pages follow a user's name or bio at once (author.changed).
  const users = new UserService({ userRepo, now, sessions, events });
  const sectionService = new SectionService({ sectionRepo: new SectionRepo(k) });
  // With the page cache on, cards are read only for the pages it renders: fewer are kept.
  const cards = new CardCache(config.pageCache === 'on' ? { maxCards: CARDS_BEHIND_PAGE_CACHE } : {});
  // Renamed tags and authors show in cards and derived lists: they are dropped at once.
  cards.follow(events);
  const tagService = new TagService({ tagRepo, shared: cards });
  const reader = new ArticleReader({ articleRepo, tagRepo, userRepo, mediaRepo, sectionService, cards });
  const cluster = options.cluster ?? new LocalCluster();
  // Admins' site settings (src/settings); the page cache reads its lifetimes from them live.
  const siteSettings = siteSettingsOf(k, config, now, events, cluster);
  const pages = pageCaching({ config: siteSettings.liveConfig(), cluster, reader, revisions: new RevisionRepo(k), sectionService, articleRepo, warn: backgroundWarn(config) });
  const mediaDir = join(config.dataDir, 'media');
  // OpenCC's dictionaries load once, here, so that no reader waits for them.
  const converter = new ScriptConverter({ vocabulary: config.twVocabulary });
  converter.warm();
  mkdirSync(mediaDir, { recursive: true });
  const dictionary = new DictionaryService({ dictionaryRepo: new DictionaryRepo(k), converter, now, ...(config.pageCache === 'on' ? { localizer: BUDGETS_BEHIND_PAGE_CACHE } : {}) });
  const authorService = new AuthorService({ userRepo });
  const { search, engine } = searchServices(db, config, now, { reader, sectionService, tagService, authorService, dictionary, events });
  const related = relatedServices(k, config, now, { reader, engine, keywords: search.keywords, pages, events });
  // Cards and recent-id lists kept by the reader follow saves here and other processes' purges.
  reader.subscribe(events, cluster);
  sectionService.subscribe(events, cluster);
  const lease = options.lease ?? new LocalLease();
  const recommend = recommendServices(k, config, now, options, { reader, sectionService, relatedRepo: related.repo, engine, pages, events, cluster, lease });
  const mediaLibrary = mediaLibraryOf(k, config, mediaDir, now);
  const webhooks = webhookServices(k, config, now, reader, events, lease);
  const articles = new ArticleService({ transaction: transactor(db), reader, events, now, integrity: siteIntegrityOptions(config) });
  const auth = authServices(k, config, now, userRepo, users, sessions);
  const newsroom = newsroomServices(db, config, now, { articles, reader, articleRepo, userRepo, sectionService, tagService, authorService, search: search.service, events, audit: auth.audit });
  // Last: pages are purged once every other listener (reader caches, lists) has followed the change.
  pages.subscribe(events);
  return {
    config,
    db,
    mediaDir,
    events,
    cluster,
    pageCaching: pages,
    lease,
    articles,
    sections: sectionService,
    tags: tagService,
    users,
    auth,
    media: new MediaService({ mediaRepo, mediaDir, now }),
    dictionary,
    settings: siteSettings,
    search,
    related: { service: related.service, words: recommend.words },
    views: recommend.views,
    site: {
      reader,
      sectionService,
      tagService,
      authorService,
      recommender: recommend.recommender,
      search: search.service,
    },
    mediaLibrary,
    webhooks,
    newsroom,
    close: async () => {
      // No scheduled publish may start while the database closes.
      await newsroom.scheduler.stop();
      // Background work first: AVIF jobs and webhook attempts in flight still use the database.
      await mediaLibrary.close();
      await webhooks.dispatcher.close();
      // Buffered views are written before the database goes (a no-op when the server already did).
      await recommend.views.ingest.close();
      await db.close();
    },
  };
}
