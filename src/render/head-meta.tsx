import type { Variant } from '../zh/variants.js';
import { ui as messages } from './i18n.js';
import { scriptJson } from './json-ld.js';
import { canonicalLink } from './links.js';
import type { Chrome, Pager } from './models.js';
import type { JsonLd } from './structured-data.js';

/**
 * What a page adds to the shared head: the description, social-card data, pagination links
 * and structured data. Everything is optional; the layout fills sensible site-wide defaults.
 */
export interface PageMeta {
  /** Open Graph type; articles say `article`. */
  readonly type?: 'website' | 'article';
  /** Description when the chrome has none (an article without summary gives its opening). */
  readonly description?: string;
  /** The social-card image: absolute URL, its size when known, and its alt text. */
  readonly image?: { readonly url: string; readonly width: number | null; readonly height: number | null; readonly alt: string };
  /** `article:*` Open Graph properties. */
  readonly article?: {
    readonly publishedTime: string | null;
    readonly modifiedTime: string;
    readonly section: string;
    readonly tags: readonly string[];
    /** Absolute URLs of the authors' pages. */
    readonly authors: readonly string[];
  };
  /** A paginated listing's pager; its prev/next become `<link rel>` in the head. */
  readonly pager?: Pager;
  /** Structured data, one script element each. */
  readonly jsonLd?: ReadonlyArray<JsonLd | undefined>;
  /** Head values an editor set for this page (an article's SEO fields); each set one wins. */
  readonly head?: HeadOverride;
}

/**
 * An editor's head values. `title` is the whole `<title>` as written (no site name added) and
 * the social cards' title; `description` the meta and card description; `canonicalUrl` an
 * absolute http(s) URL for the canonical link and `og:url`. Empty or absent values are unset.
 */
export interface HeadOverride {
  readonly title?: string;
  readonly description?: string;
  readonly canonicalUrl?: string;
}

/** The page's canonical URL: an editor's http(s) override, else the chrome's. */
export function canonicalOf(chrome: Chrome, meta: PageMeta | undefined): string {
  const own = meta?.head?.canonicalUrl;
  // The field is validated on save; checked again because a restored backup bypasses the API.
  return own && /^https?:\/\/[^\s]+$/i.test(own) ? own : chrome.canonicalUrl;
}

/**
 * Open Graph locales (`og:locale` takes language_TERRITORY, not BCP 47). Facebook has no
 * generic Traditional locale, so zh-Hant shares Taiwan's, as most Traditional readers are there.
 */
export const OG_LOCALES: Readonly<Record<Variant, string>> = { 'zh-Hans': 'zh_CN', 'zh-Hant': 'zh_TW', 'zh-TW': 'zh_TW', 'zh-HK': 'zh_HK' };

/**
 * The meta description of a page: an editor's (SEO description), else the chrome's, else the
 * page's own, else the site tagline, so no page goes without one.
 */
export function pageDescription(chrome: Chrome, meta: PageMeta | undefined): string {
  return meta?.head?.description || chrome.description || meta?.description || messages.siteDescription(chrome.siteName);
}

/** Props of {@link HeadMeta}. */
export interface HeadMetaProps {
  readonly chrome: Chrome;
  /** Title for social cards: the page title without the site name. */
  readonly title: string;
  readonly meta?: PageMeta;
}

/**
 * Head elements after the canonical link: description, rel prev/next, Open Graph and the
 * Twitter card (JSON-LD comes after the stylesheet, see {@link JsonLdScripts}). All URLs are absolute, since social cards and crawlers resolve
 * nothing relative, and follow the canonical form (see {@link canonicalLink}).
 */
export function HeadMeta({ chrome, title: pageTitle, meta }: HeadMetaProps) {
  const title = meta?.head?.title || pageTitle;
  const description = pageDescription(chrome, meta);
  const image = meta?.image;
  const article = meta?.article;
  const pager = meta?.pager;
  const locale = OG_LOCALES[chrome.variant];
  const altLocales = [...new Set(chrome.alternates.map((a) => OG_LOCALES[a.variant]))].filter((l) => l !== locale);
  return (
    <>
      <meta name="description" content={description} />
      {pager?.prev && <link rel="prev" href={canonicalLink(chrome, pager.prev)} />}
      {pager?.next && <link rel="next" href={canonicalLink(chrome, pager.next)} />}
      <meta property="og:site_name" content={chrome.siteName} />
      <meta property="og:title" content={title} />
      <meta property="og:description" content={description} />
      <meta property="og:type" content={meta?.type ?? 'website'} />
      <meta property="og:url" content={canonicalOf(chrome, meta)} />
      <meta property="og:locale" content={locale} />
      {altLocales.map((l) => (
        <meta key={l} property="og:locale:alternate" content={l} />
      ))}
      {image && <meta property="og:image" content={image.url} />}
      {image?.width ? <meta property="og:image:width" content={String(image.width)} /> : null}
      {image?.height ? <meta property="og:image:height" content={String(image.height)} /> : null}
      {image?.alt && <meta property="og:image:alt" content={image.alt} />}
      {article?.publishedTime && <meta property="article:published_time" content={article.publishedTime} />}
      {article && <meta property="article:modified_time" content={article.modifiedTime} />}
      {article?.authors.map((url) => (
        <meta key={url} property="article:author" content={url} />
      ))}
      {article?.section && <meta property="article:section" content={article.section} />}
      {article?.tags.map((t) => (
        <meta key={t} property="article:tag" content={t} />
      ))}
      {/* The large card only when there is a picture to make large. */}
      <meta name="twitter:card" content={image ? 'summary_large_image' : 'summary'} />
      <meta name="twitter:title" content={title} />
      <meta name="twitter:description" content={description} />
      {image && <meta name="twitter:image" content={image.url} />}
      {image?.alt && <meta name="twitter:image:alt" content={image.alt} />}
    </>
  );
}

/**
 * One `<script type="application/ld+json">` per object, skipping absent ones. Separate scripts
 * rather than one array keep each object valid on its own for the tools that read only one.
 */
export function JsonLdScripts({ items }: { readonly items: ReadonlyArray<JsonLd | undefined> | undefined }) {
  if (!items) return null;
  return (
    <>
      {items.map(
        (data, i) =>
          data && (
            // The one raw insert besides article bodies: scriptJson escapes what could end the script.
            <script key={i} type="application/ld+json" dangerouslySetInnerHTML={{ __html: scriptJson(data) }} />
          ),
      )}
    </>
  );
}
