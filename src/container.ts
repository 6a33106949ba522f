import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Config } from './config/index.js';
import { AccountService } from './auth/account.service.js';
import { ApiTokenRepo } from './auth/api-token.repo.js';
import { ApiTokenService } from './auth/api-token.service.js';
import { AuditRepo } from './auth/audit.repo.js';
import { AuditService } from './auth/audit.service.js';
import { siteIntegrityOptions } from './guard/article-integrity.js';
import { AuthHttp } from './auth/http.js';
import { LoginThrottle } from './auth/login-throttle.js';
import { LoginThrottleRepo } from './auth/login-throttle.repo.js';
import { LoginService } from './auth/login.service.js';
import { SessionRepo } from './auth/session.repo.js';
import { SessionService } from './auth/session.service.js';
import { TotpService } from './auth/totp.service.js';
import { UserRepo } from './auth/user.repo.js';
import { UserService } from './auth/user.service.js';
import { ArticleReader } from './content/article.reader.js';
import { ArticleRepo } from './content/article.repo.js';
import { CardCache } from './content/article.cards.js';
import { ArticleService } from './content/article.service.js';
import { ArticleAdmin, type ArticleAdminDeps } from './content/article.admin.js';
import { RevisionRepo } from './content/revision.repo.js';
import { RevisionService } from './content/revision.service.js';
import { Scheduler } from './content/scheduler.js';
import { TaxonomyAdmin } from './content/taxonomy.admin.js';
import { TaxonomyRepo } from './content/taxonomy.repo.js';
import { WorkflowService } from './content/workflow.service.js';
import { AuthorService } from './content/author.service.js';
import { MediaRepo } from './content/media.repo.js';
import { MediaService } from './content/media.service.js';
import { BackgroundQueue } from './media/background-queue.js';
import { ImageProcessor } from './media/image-processor.js';
import { MediaFiles } from './media/media-files.js';
import { MediaLibrary } from './media/media-library.js';
import { MediaLibraryRepo } from './media/media-library.repo.js';
import { WebhookDispatcher } from './webhooks/dispatcher.js';
import { httpSender } from './webhooks/http-sender.js';
import { WebhookEnqueuer } from './webhooks/webhook-events.js';
import { WebhookRepo } from './webhooks/webhook.repo.js';
import { WebhookService } from './webhooks/webhook.service.js';
import { transactor } from './content/repos.js';
import { SectionRepo } from './content/section.repo.js';
import { SectionService } from './content/section.service.js';
import { TagRepo } from './content/tag.repo.js';
import { TagService } from './content/tag.service.js';
import { migrateToLatest, openDatabase, type Db } from './db/index.js';
import { Recommender } from './recommend/blocks.js';
import { SimpleSources } from './recommend/simple.js';
import type { RelatedSource, WordsSource } from './recommend/blocks.js';
import { RelatedRepo } from './recommend/related.repo.js';
import { RelatedService } from './recommend/related.service.js';
import { StoredRelatedSource } from './recommend/related.source.js';
import { RelatedText } from './recommend/related-text.js';
import { WordsRepo } from './recommend/words.repo.js';
import { RelatedWords } from './recommend/words.service.js';
import type { AppError } from './errors/index.js';
import { createBackend } from './search/create-backend.js';
import { SearchIndexer } from './search/indexer.js';
import { SearchRepo } from './search/search.repo.js';
import { SearchService } from './search/search.service.js';
import { SiteKeywords } from './search/site-keywords.js';
import { TextEngine } from './search/text-engine.js';
import { UserWordsRepo } from './search/user-words.repo.js';
import { UserWordsService } from './search/user-words.service.js';
import { DictionaryRepo } from './dictionary/dictionary.repo.js';
import { DictionaryService } from './dictionary/dictionary.service.js';
import { siteSettingsOf } from './settings/wiring.js';
import type { SiteSettingsService } from './settings/site-settings.service.js';
import { ScriptConverter } from './zh/convert.js';
import { EventBus } from './events/bus.js';
import { LocalCluster, type Cluster } from './events/cluster.js';
import { pageCaching, type PageCaching } from './render/cache/page-caching.js';
import { LocalLease, type Lease } from './events/lease.js';
import { SharedLimit, type RateStore } from './events/rate-store.js';
import type { FeaturedSource, RecommendedSource } from './recommend/blocks.js';
import { CovisitBlock } from './recommend/covisit.source.js';
import { CovisitRepo } from './recommend/covisit.repo.js';
import { FeaturedBlock } from './recommend/featured.source.js';
import { FeaturedRepo } from './recommend/featured.repo.js';
import { FeaturedService } from './recommend/featured.service.js';
import { PopularLists } from './recommend/popular.js';
import { PopularRepo } from './recommend/popular.repo.js';
import { DEFAULT_LIMITS, ViewIngest } from './recommend/views-ingest.js';
import { ViewsRepo } from './recommend/views.repo.js';
import { ViewsService } from './recommend/views.service.js';

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
  const tagService = new TagService({ tagRepo });
  const cards = new CardCache();
  // Renamed tags and authors show in cards and derived lists: they are dropped at once.
  cards.follow(events);
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
  const dictionary = new DictionaryService({ dictionaryRepo: new DictionaryRepo(k), converter, now });
  const authorService = new AuthorService({ userRepo });
  // Search: one backend for the dialect, one segmenter for indexing and queries alike.
  const searchBackend = createBackend(db);
  const searchRepo = new SearchRepo(k);
  const userWordsRepo = new UserWordsRepo(k);
  const engine = new TextEngine({ userWordsRepo });
  const keywords = new SiteKeywords({ engine, backend: searchBackend, searchRepo });
  const indexer = new SearchIndexer({ backend: searchBackend, searchRepo, reader, engine, keywords });
  indexer.subscribe(events);
  const search = new SearchService({
    backend: searchBackend,
    searchRepo,
    reader,
    sectionService,
    tagService,
    authorService,
    dictionary,
    engine,
    timezone: config.timezone,
    now,
  });
  // Related reading: vectors and lists follow every save; words come from the same vectors.
  const relatedRepo = new RelatedRepo(k);
  const relatedText = new RelatedText({ segmenter: () => engine.segmenter(), siteIdf: () => keywords.relearn() });
  const related = new RelatedService({
    repo: relatedRepo,
    transaction: (work) => k.transaction().execute((trx) => work(new RelatedRepo(trx))),
    reader,
    text: () => relatedText.tools(),
    relearn: () => relatedText.relearn(),
    onListsChanged: (ids) => pages.relatedChanged(ids),
    now,
    log: backgroundLog(config),
  });
  related.subscribe(events);
  // Cards and recent-id lists kept by the reader follow saves here and other processes' purges.
  reader.subscribe(events, cluster);
  sectionService.subscribe(events, cluster);
  // Pages whose blocks fall back to "newest" lists are recorded: any publish changes them.
  const simple = pages.fallbacks.wrap(new SimpleSources({ reader }));
  const relatedWords = new RelatedWords({ words: new WordsRepo(k), related: relatedRepo, reader, normalize: (t) => engine.normalizer.normalize(t), fallback: simple, now });
  relatedWords.subscribe(events, cluster);
  // Views: beacons go to memory; a timer (started by the HTTP routes) writes them in batches.
  const clock = options.now ? () => now().getTime() : Date.now;
  const viewsRepo = new ViewsRepo(k);
  const covisitRepo = new CovisitRepo(k);
  const popularRepo = new PopularRepo(k);
  const lease = options.lease ?? new LocalLease();
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
  const mediaLibrary = mediaLibraryOf(k, config, mediaDir, now);
  const webhooks = webhookServices(k, config, now, reader, events, lease);
  const articles = new ArticleService({ transaction: transactor(db), reader, events, now, integrity: siteIntegrityOptions(config) });
  const auth = authServices(k, config, now, userRepo, users, sessions);
  const newsroom = newsroomServices(db, config, now, { articles, reader, articleRepo, userRepo, sectionService, tagService, authorService, search, events, audit: auth.audit });
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
    search: { service: search, indexer, words: new UserWordsService({ userWordsRepo, engine, now }), keywords },
    related: { service: related, words: relatedWords },
    views: {
      ingest,
      service: new ViewsService({ views: viewsRepo, popular: popularRepo, reader, sectionService, ingest, now }),
      featured,
      covisit: covisitBlock,
    },
    site: {
      reader,
      sectionService,
      tagService,
      authorService,
      recommender: recommender(simple, { related: new StoredRelatedSource({ repo: relatedRepo, reader, fallback: simple }), words: relatedWords, featured: featuredBlock, recommended: covisitBlock }),
      search,
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
      await ingest.close();
      await db.close();
    },
  };
}

/** Accounts and access, wired over the users and sessions the rest of the container shares. */
function authServices(k: Db['kysely'], config: Config, now: () => Date, userRepo: UserRepo, users: UserService, sessions: SessionService): Container['auth'] {
  const audit = new AuditService({ auditRepo: new AuditRepo(k), now });
  const tokens = new ApiTokenService({ apiTokenRepo: new ApiTokenRepo(k), now });
  const throttle = new LoginThrottle({ loginThrottleRepo: new LoginThrottleRepo(k), now });
  const totp = new TotpService({ userRepo, now, issuer: config.siteName });
  return {
    sessions,
    tokens,
    totp,
    audit,
    login: new LoginService({ userRepo, sessions, throttle, totp, audit }),
    account: new AccountService({ users, totp, throttle }),
    http: new AuthHttp({ sessions, tokens, audit, siteUrl: config.siteUrl }),
  };
}

/** The media library: sharp with the configured pixel limit, AVIF in a background queue if on. */
function mediaLibraryOf(k: Db['kysely'], config: Config, mediaDir: string, now: () => Date): MediaLibrary {
  const warn = backgroundWarn(config);
  return new MediaLibrary({
    repo: new MediaLibraryRepo(k),
    files: new MediaFiles(mediaDir),
    processor: new ImageProcessor({ maxPixels: config.maxImageMegapixels * 1_000_000 }),
    now,
    avif: config.mediaAvif === 'on' ? new BackgroundQueue({ onError: (err) => warn('AVIF variants could not be made', err) }) : undefined,
  });
}

/** Webhooks: saves queue deliveries; the dispatcher sends them (started by the HTTP server). */
function webhookServices(k: Db['kysely'], config: Config, now: () => Date, reader: ArticleReader, events: EventBus, lease: Lease): Container['webhooks'] {
  const repo = new WebhookRepo(k);
  // One process polls for due retries; a save still kicks its own process at once (claims are atomic).
  const mayPoll = () => lease.hold('webhooks.poll', 15_000);
  const dispatcher = new WebhookDispatcher({ repo, send: httpSender(), now, maxFailures: config.webhookMaxFailures, mayPoll, onError: (err) => backgroundWarn(config)('webhook delivery failed', err) });
  new WebhookEnqueuer({ repo, article: (id) => reader.any(id), siteUrl: config.siteUrl, now, onQueued: () => dispatcher.kick() }).subscribe(events);
  return { service: new WebhookService({ repo, now }), dispatcher };
}

/** The blocks under articles, each from its source. */
function recommender(
  _simple: SimpleSources,
  computed: { related: RelatedSource; words: WordsSource; featured: FeaturedSource; recommended: RecommendedSource },
): Recommender {
  return new Recommender({ related: computed.related, words: computed.words, featured: computed.featured, recommended: computed.recommended });
}

/** Reports a failed flush or maintenance of views on stderr, one line each, unless silent. */
function backgroundWarn(config: Config): (message: string, err: unknown) => void {
  return (message, err) => {
    if (config.logLevel === 'silent' || config.logLevel === 'fatal') return;
    process.stderr.write(`${JSON.stringify({ level: 'warn', time: new Date().toISOString(), msg: `${message}: ${String((err as Error)?.message ?? err)}` })}\n`);
  };
}

/** Reports errors of background work (event listeners) on stderr, one line each, unless silent. */
function backgroundLog(config: Config): (err: AppError) => void {
  return (err) => {
    if (config.logLevel === 'silent' || config.logLevel === 'fatal') return;
    process.stderr.write(`${JSON.stringify({ level: 'error', time: new Date().toISOString(), code: err.code, msg: err.message })}\n`);
  };
}

/** The newsroom's services (see `Container.newsroom`). */
export interface Newsroom {
  readonly admin: ArticleAdmin;
  readonly workflow: WorkflowService;
  readonly revisions: RevisionService;
  readonly taxonomy: TaxonomyAdmin;
  readonly scheduler: Scheduler;
}

/** Wires the newsroom over the shared article service, reader and event bus. */
function newsroomServices(
  db: Db,
  config: Config,
  now: () => Date,
  d: Pick<ArticleAdminDeps, 'articles' | 'reader' | 'articleRepo' | 'userRepo' | 'sectionService' | 'tagService' | 'authorService'> & {
    search: SearchService;
    events: EventBus;
    audit: AuditService;
  },
): Newsroom {
  const k = db.kysely;
  const transaction = transactor(db);
  const taxonomyRepo = new TaxonomyRepo(k);
  const taxonomy = new TaxonomyAdmin({
    repo: taxonomyRepo,
    transaction: (work) => k.transaction().execute((trx) => work(new TaxonomyRepo(trx))),
    sectionService: d.sectionService,
    events: d.events,
    now,
  });
  const workflow = new WorkflowService({ transaction, articleRepo: d.articleRepo, events: d.events, now, audit: d.audit });
  const scheduler = new Scheduler({
    target: workflow,
    now,
    onError: backgroundLog(config),
    // A publish nobody clicked still belongs in the audit log.
    onPublished: (ids) => {
      for (const id of ids) void d.audit.record({ actor: null, action: 'article.publish.scheduled', target: `article:${id}` }).catch(() => {});
    },
  });
  scheduler.watch(d.events);
  return {
    admin: new ArticleAdmin({ ...d, transaction, timezone: config.timezone }),
    workflow,
    revisions: new RevisionService({
      revisionRepo: new RevisionRepo(k),
      articles: d.articles,
      transaction,
      tagRedirect: (slug) => taxonomyRepo.redirectFor(slug),
      audit: d.audit,
      integrity: siteIntegrityOptions(config),
    }),
    taxonomy,
    scheduler,
  };
}
