import { z } from 'zod';
import { VARIANTS } from '../zh/variants.js';

/**
 * Every setting Jiaodian reads, with its source names and what is allowed. This list is the
 * one place a setting is declared: the loader, the error messages and the README table follow it.
 */
export const settings = {
  host: { env: 'HOST', flag: 'host', schema: z.string().min(1), allowed: 'a host name or IP address' },
  port: {
    env: 'PORT',
    flag: 'port',
    schema: z.coerce.number().int().min(0).max(65535),
    allowed: 'a whole number from 0 to 65535',
  },
  dataDir: { env: 'JIAODIAN_DATA_DIR', flag: 'data', schema: z.string().min(1), allowed: 'a folder path' },
  databaseUrl: {
    env: 'DATABASE_URL',
    flag: 'database-url',
    schema: z
      .string()
      .regex(/^postgres(ql)?:\/\/.+/)
      .optional(),
    allowed: 'a postgres:// or postgresql:// URL, or unset for SQLite in the data folder',
  },
  redisUrl: {
    env: 'REDIS_URL',
    flag: 'redis-url',
    schema: z
      .string()
      .regex(/^rediss?:\/\/.+/)
      .optional(),
    allowed: 'a redis:// or rediss:// URL, or unset for a single process',
  },
  defaultVariant: {
    env: 'JIAODIAN_DEFAULT_VARIANT',
    flag: 'default-variant',
    schema: z.enum(VARIANTS),
    allowed: `one of ${VARIANTS.join(', ')}`,
  },
  twVocabulary: {
    env: 'JIAODIAN_TW_VOCABULARY',
    flag: 'tw-vocabulary',
    schema: z.enum(['taiwan', 'characters']),
    allowed: 'taiwan (zh-TW pages use Taiwan words: 軟體, 網路) or characters (characters only)',
  },
  siteName: { env: 'JIAODIAN_SITE_NAME', flag: 'site-name', schema: z.string().min(1).max(80), allowed: '1 to 80 characters' },
  siteUrl: {
    env: 'JIAODIAN_SITE_URL',
    flag: 'site-url',
    schema: z
      .url({ protocol: /^https?$/ })
      .transform((u) => u.replace(/\/+$/, ''))
      .optional(),
    allowed: 'an absolute http(s) URL such as https://news.example.com',
  },
  timezone: {
    env: 'JIAODIAN_TIMEZONE',
    flag: 'timezone',
    schema: z.string().refine(isTimeZone),
    allowed: 'an IANA time zone such as Asia/Taipei',
  },
  demo: {
    env: 'JIAODIAN_DEMO',
    flag: 'demo',
    schema: z.enum(['auto', 'off']),
    allowed: 'auto (load the demo newsroom into an empty database) or off',
  },
  /** The site's description (home page meta, feeds); empty for the built-in one. An admin can change it in 網站設定. */
  siteDescription: { env: 'JIAODIAN_SITE_DESCRIPTION', flag: 'site-description', schema: z.string().max(300), allowed: 'up to 300 characters' },
  /** How many articles each feed carries (the newest). An admin can change it in 網站設定. */
  feedItems: {
    env: 'JIAODIAN_FEED_ITEMS',
    flag: 'feed-items',
    schema: z.coerce.number().int().min(1).max(200),
    allowed: 'a whole number from 1 to 200',
  },
  feedContent: {
    env: 'JIAODIAN_FEED_CONTENT',
    flag: 'feed-content',
    schema: z.enum(['full', 'summary']),
    allowed: 'full (feeds carry whole articles) or summary (feeds carry summaries only)',
  },
  /**
   * Which peers may tell the client's address (X-Forwarded-For): behind a reverse proxy or CDN
   * every request otherwise comes from the proxy, and per-address limits (the views beacon's)
   * would treat all readers as one.
   */
  trustProxy: {
    env: 'JIAODIAN_TRUST_PROXY',
    flag: 'trust-proxy',
    schema: z.string().regex(/^(off|loopback|[0-9A-Fa-f:.]+(\/\d{1,3})?(\s*,\s*[0-9A-Fa-f:.]+(\/\d{1,3})?)*)$/),
    allowed: 'off, loopback, or proxy addresses and CIDR ranges separated by commas (10.0.0.0/8, 192.0.2.1)',
  },
  /** Half-life of a view in the hot score behind 精彩推薦: after this many hours a view weighs half. */
  hotHalfLifeHours: {
    env: 'JIAODIAN_HOT_HALF_LIFE_HOURS',
    flag: 'hot-half-life-hours',
    schema: z.coerce.number().min(0.5).max(720),
    allowed: 'a number of hours from 0.5 to 720',
  },
  /** Largest upload the media API accepts (src/media); a bigger one is refused with 413 before it is read whole. */
  maxUploadMb: {
    env: 'JIAODIAN_MAX_UPLOAD_MB',
    flag: 'max-upload-mb',
    schema: z.coerce.number().int().min(1).max(500),
    allowed: 'a whole number of megabytes from 1 to 500',
  },
  /**
   * Largest image, in megapixels (width × height × frames), that uploads may decode. Checked
   * from the header before decoding, so a small file that unpacks to gigabytes (a
   * decompression bomb) is refused without using the memory.
   */
  maxImageMegapixels: {
    env: 'JIAODIAN_MAX_IMAGE_MEGAPIXELS',
    flag: 'max-image-megapixels',
    schema: z.coerce.number().min(1).max(1000),
    allowed: 'a number of megapixels from 1 to 1000',
  },
  /** Whether uploads also get AVIF variants, encoded in the background (about 10× slower than WebP). */
  mediaAvif: {
    env: 'JIAODIAN_MEDIA_AVIF',
    flag: 'media-avif',
    schema: z.enum(['on', 'off']),
    allowed: 'on (AVIF variants are made in the background after each upload) or off',
  },
  /** Consecutive failed delivery attempts after which a webhook is turned off (src/webhooks). */
  webhookMaxFailures: {
    env: 'JIAODIAN_WEBHOOK_MAX_FAILURES',
    flag: 'webhook-max-failures',
    schema: z.coerce.number().int().min(1).max(1000),
    allowed: 'a whole number from 1 to 1000',
  },
  /** Whether rendered public pages are kept (src/render/cache); off renders every request. An admin can change it. */
  pageCache: { env: 'JIAODIAN_PAGE_CACHE', flag: 'page-cache', schema: z.enum(['on', 'off']), allowed: 'on (rendered pages are cached and purged on change) or off' },
  /** Seconds a cached page is served as is, here and by CDNs (s-maxage); changes purge it sooner. */
  pageCacheTtl: { env: 'JIAODIAN_PAGE_CACHE_TTL', flag: 'page-cache-ttl', schema: z.coerce.number().int().min(1).max(86_400), allowed: 'a whole number of seconds from 1 to 86400' },
  /** Seconds after that a page may still be served while it is rendered again (stale-while-revalidate). */
  pageCacheSwr: { env: 'JIAODIAN_PAGE_CACHE_SWR', flag: 'page-cache-swr', schema: z.coerce.number().int().min(0).max(86_400), allowed: 'a whole number of seconds from 0 to 86400' },
  /** Seconds browsers keep a page (max-age): browsers get no purges, so keep it short. */
  pageCacheBrowserTtl: { env: 'JIAODIAN_PAGE_CACHE_BROWSER_TTL', flag: 'page-cache-browser-ttl', schema: z.coerce.number().int().min(0).max(86_400), allowed: 'a whole number of seconds from 0 to 86400' },
  /**
   * Memory the page cache may use for its bodies (identity, gzip and brotli), least recently
   * used out first. The default (16 MB, some 500 article pages: the front pages and the day's
   * news in the forms readers use) keeps a server of a 100,000-article site within issue 8's
   * 300 MB once every cache is full; 32 MB kept it about 19 MB larger, with no more pages served
   * per CPU-second under random traffic. A site behind a CDN needs little here; a busy site
   * without one can raise it.
   */
  pageCacheMaxMb: { env: 'JIAODIAN_PAGE_CACHE_MAX_MB', flag: 'page-cache-max-mb', schema: z.coerce.number().int().min(1).max(16_384), allowed: 'a whole number of megabytes from 1 to 16384' },
  /**
   * Memory SQLite keeps for database pages it has read. A page render reads the article, its
   * tags, authors, keywords and related lists from pages all over the file; a page not kept here
   * is a read system call and a copy from the kernel's own cache of the file. Measured over HTTP
   * that costs nothing visible: 32, 16 and 8 MB served the same random uncached pages per
   * CPU-second on 10,000 articles (and the same on 100,000), while on a 100,000-article site
   * each halving kept the server some 8 to 18 MB smaller, since a large file fills any size.
   */
  sqliteCacheMb: { env: 'JIAODIAN_SQLITE_CACHE_MB', flag: 'sqlite-cache-mb', schema: z.coerce.number().int().min(1).max(4096), allowed: 'a whole number of megabytes from 1 to 4096' },
  /** The integrity guard's outbound link allowlist (src/guard): bodies linking mostly elsewhere are flagged. */
  guardAllowedDomains: {
    env: 'JIAODIAN_GUARD_ALLOWED_DOMAINS',
    flag: 'guard-allowed-domains',
    schema: z
      .string()
      .max(4000)
      .refine((v) => v.split(',').every((d) => d.trim() === '' || /^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(d.trim())))
      .transform((v) => v.split(',').map((d) => d.trim().toLowerCase()).filter(Boolean)),
    allowed: 'comma-separated domains (example.com also admits its subdomains), or empty for no allowlist',
  },
  logLevel: {
    env: 'JIAODIAN_LOG_LEVEL',
    flag: 'log-level',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']),
    allowed: 'fatal, error, warn, info, debug or silent',
  },
} as const;

/** Defaults used when neither a flag nor the environment sets a value. */
export const defaults = {
  host: '127.0.0.1',
  port: '3000',
  dataDir: './data',
  defaultVariant: 'zh-Hant',
  twVocabulary: 'taiwan',
  siteName: '焦點新聞',
  timezone: 'Asia/Taipei',
  demo: 'auto',
  logLevel: 'warn',
  feedContent: 'full',
  siteDescription: '',
  feedItems: '30',
  hotHalfLifeHours: '6',
  trustProxy: 'off',
  maxUploadMb: '20',
  maxImageMegapixels: '50',
  mediaAvif: 'on',
  webhookMaxFailures: '10',
  pageCache: 'on',
  pageCacheTtl: '300',
  pageCacheSwr: '60',
  pageCacheBrowserTtl: '60',
  pageCacheMaxMb: '16',
  sqliteCacheMb: '8',
  guardAllowedDomains: '',
} as const satisfies Partial<Record<SettingName, string>>;

/** Name of a setting in the `settings` table. */
export type SettingName = keyof typeof settings;

/** The validated, frozen configuration every part of Jiaodian receives. */
export type Config = Readonly<{
  [K in SettingName]: z.output<(typeof settings)[K]['schema']>;
}> & {
  /** Absolute data folder. */
  readonly dataDir: string;
  /** Public base URL without a trailing slash. */
  readonly siteUrl: string;
};

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
