import { variantPrefix, type Variant } from '../../zh/variants.js';

// Everything outside XML 1.0's Char production: C0 controls other than tab, newline and carriage
// return, lone surrogates (the `u` flag sees them as code points) and U+FFFE/U+FFFF. One such
// character in an imported article would make a whole feed or sitemap unparseable.
const ILLEGAL_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

// Anything `xml` might change: markup characters, controls, any surrogate, U+FFFE/U+FFFF.
const NEEDS_WORK = /[<>&"'\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;

const ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' };

/** Removes characters that XML 1.0 does not allow anywhere, even escaped. */
export function stripIllegalXml(text: string): string {
  return text.replace(ILLEGAL_XML, '');
}

/**
 * Text made safe for XML element content and attribute values: illegal characters removed,
 * markup characters escaped. HTML carried in a feed goes through here as text, once.
 *
 * @example
 * xml('A & B <b>') // 'A &amp; B &lt;b&gt;'
 */
export function xml(text: string): string {
  // Most strings (URLs, dates, plain Chinese text) need nothing; a sitemap page has 60,000.
  if (!NEEDS_WORK.test(text)) return text;
  return stripIllegalXml(text).replace(/[<>&"']/g, (c) => ENTITIES[c]!);
}

/** RFC 3339 in UTC (feeds, sitemaps), whatever form the database returned. */
export function iso(value: string): string {
  return new Date(value).toISOString();
}

/** What `variantUrl` needs from configuration. */
export interface UrlBase {
  readonly siteUrl: string;
  readonly defaultVariant: Variant;
}

/**
 * The absolute canonical URL of an unprefixed path in a variant: the default variant is served
 * unprefixed, every other under its prefix (the rule `buildChrome` follows for pages).
 *
 * @example
 * variantUrl({ siteUrl: 'https://x.tw', defaultVariant: 'zh-Hant' }, 'zh-TW', '/tech/') // 'https://x.tw/zh-tw/tech/'
 */
export function variantUrl(base: UrlBase, variant: Variant, path: string): string {
  return base.siteUrl + (variant === base.defaultVariant ? path : `/${variantPrefix(variant)}${path}`);
}

/**
 * Makes root-relative `src`, `srcset` and `href` URLs in article HTML absolute, because a feed
 * is read away from the site and readers resolve relative URLs inconsistently. Media stays
 * unprefixed (it has no variants); links to pages go to the feed's variant.
 */
export function absolutizeHtml(html: string, base: UrlBase, variant: Variant): string {
  const abs = (url: string) => {
    if (!url.startsWith('/') || url.startsWith('//')) return url;
    return url.startsWith('/media/') ? base.siteUrl + url : variantUrl(base, variant, url);
  };
  return html.replace(/(\s(src|href|srcset)=")([^"]*)"/g, (_m, lead: string, attr: string, value: string) => {
    if (attr !== 'srcset') return `${lead}${abs(value)}"`;
    const list = value
      .split(',')
      .map((part) => part.trim().replace(/^\S+/, (u) => abs(u)))
      .join(', ');
    return `${lead}${list}"`;
  });
}
