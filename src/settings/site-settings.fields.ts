import { z } from 'zod';
import type { Config } from '../config/index.js';
import { VARIANTS } from '../zh/variants.js';

/**
 * The site settings an admin can change in 網站設定, declared once: the API validates with
 * these schemas, the service keeps values under these names, and each name is also the
 * configuration key whose value (flag, environment or default) applies until an admin sets one.
 */
export const SITE_SETTING_FIELDS = {
  siteName: z.string({ error: 'the site name is text' }).trim().min(1, 'the site name cannot be empty').max(80, 'at most 80 characters'),
  defaultVariant: z.enum(VARIANTS, { error: `one of ${VARIANTS.join(', ')}` }),
  siteDescription: z.string({ error: 'the description is text' }).trim().max(300, 'at most 300 characters'),
  feedItems: z.number({ error: 'a whole number from 1 to 200' }).int('a whole number from 1 to 200').min(1, 'a whole number from 1 to 200').max(200, 'a whole number from 1 to 200'),
  feedContent: z.enum(['full', 'summary'], { error: 'full or summary' }),
  // The same bounds as the configuration's JIAODIAN_PAGE_CACHE_TTL and _SWR (src/config/schema.ts).
  pageCacheTtl: z.number({ error: 'a whole number of seconds from 1 to 86400' }).int('a whole number of seconds from 1 to 86400').min(1, 'a whole number of seconds from 1 to 86400').max(86_400, 'a whole number of seconds from 1 to 86400'),
  pageCacheSwr: z.number({ error: 'a whole number of seconds from 0 to 86400' }).int('a whole number of seconds from 0 to 86400').min(0, 'a whole number of seconds from 0 to 86400').max(86_400, 'a whole number of seconds from 0 to 86400'),
} as const;

/** Name of a site setting. */
export type SiteSettingKey = keyof typeof SITE_SETTING_FIELDS;

/** Every site setting name, in the order the settings screen shows them. */
export const SITE_SETTING_KEYS = Object.keys(SITE_SETTING_FIELDS) as SiteSettingKey[];

/** The site settings in effect. */
export type SiteSettings = { readonly [K in SiteSettingKey]: z.output<(typeof SITE_SETTING_FIELDS)[K]> };

/**
 * A change: each given key is set; `null` removes the admin's value so that the configured one
 * applies again. Unknown keys are refused (strict), so a typo is a field message, not a no-op.
 */
export const siteSettingsPatch = z
  .strictObject(Object.fromEntries(SITE_SETTING_KEYS.map((k) => [k, SITE_SETTING_FIELDS[k].nullable().optional()])) as { [K in SiteSettingKey]: z.ZodOptional<z.ZodNullable<(typeof SITE_SETTING_FIELDS)[K]>> }, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown setting: ${issue.keys.join(', ')}` : 'an object of settings'),
  });

/** A parsed change. */
export type SiteSettingsPatch = z.output<typeof siteSettingsPatch>;

/** The configured values: what applies where no admin value is stored. */
export function configuredSettings(config: Config): SiteSettings {
  return {
    siteName: config.siteName,
    defaultVariant: config.defaultVariant,
    siteDescription: config.siteDescription,
    feedItems: config.feedItems,
    feedContent: config.feedContent,
    pageCacheTtl: config.pageCacheTtl,
    pageCacheSwr: config.pageCacheSwr,
  };
}
