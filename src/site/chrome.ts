import type { Config } from '../config/index.js';
import type { SectionIndex } from '../content/section.service.js';
import type { Chrome } from '../render/models.js';
import { VARIANTS, variantPrefix, type Variant } from '../zh/variants.js';

/** Labels of the variant switcher, each in its own script. */
const VARIANT_LABELS: Record<Variant, string> = { 'zh-Hans': '简体', 'zh-Hant': '繁體', 'zh-TW': '臺灣', 'zh-HK': '香港' };

/** How a request addressed the site: which variant, and whether through a prefix. */
export interface Addressing {
  readonly variant: Variant;
  /** True when the URL carried `/zh-xx/`; links then keep the prefix. */
  readonly prefixed: boolean;
}

/** What the chrome builder needs from configuration. */
export type ChromeConfig = Pick<Config, 'siteName' | 'siteUrl' | 'timezone' | 'defaultVariant'>;

/**
 * Builds the shared page parts. `path` is the page's unprefixed path (`/tech/`), used for the
 * canonical URL (the default variant is served unprefixed, others under their prefix) and for
 * one alternate per variant.
 */
export function buildChrome(
  config: ChromeConfig,
  at: Addressing,
  index: SectionIndex,
  page: { path: string; title: string; description: string; currentSection?: string; query?: string },
  stylesheet: string,
): Chrome {
  const canonicalPath = (v: Variant, path: string) => (v === config.defaultVariant ? path : `/${variantPrefix(v)}${path}`);
  const href = (path: string) => (at.prefixed ? `/${variantPrefix(at.variant)}${path}` : path);
  return {
    siteName: config.siteName,
    siteUrl: config.siteUrl,
    variant: at.variant,
    htmlLang: at.variant,
    title: page.title,
    description: page.description,
    canonicalUrl: config.siteUrl + canonicalPath(at.variant, page.path),
    alternates: VARIANTS.map((v) => ({ variant: v, hreflang: v, url: config.siteUrl + canonicalPath(v, page.path), label: VARIANT_LABELS[v] })),
    feedUrl: config.siteUrl + canonicalPath(at.variant, '/feed.xml'),
    nav: index.tree.map((s) => ({ ...s, children: s.children })),
    timezone: config.timezone,
    href,
    stylesheet,
    ...(page.currentSection ? { currentSection: page.currentSection } : {}),
    ...(page.query !== undefined ? { query: page.query } : {}),
  };
}

/**
 * How a request path addresses the site: `/zh-tw/…` → zh-TW through a prefix; anything else →
 * the default variant.
 */
export function addressingOf(path: string, defaultVariant: Variant): Addressing {
  const first = path.split('/')[1] ?? '';
  const v = VARIANTS.find((x) => variantPrefix(x) === first.toLowerCase());
  return v ? { variant: v, prefixed: true } : { variant: defaultVariant, prefixed: false };
}
