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
  feedContent: {
    env: 'JIAODIAN_FEED_CONTENT',
    flag: 'feed-content',
    schema: z.enum(['full', 'summary']),
    allowed: 'full (feeds carry whole articles) or summary (feeds carry summaries only)',
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
