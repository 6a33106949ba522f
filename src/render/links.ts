import type { Chrome } from './models.js';
import { variantPrefix } from '../zh/variants.js';

/**
 * URL helpers shared by the layout and pages. View models carry variant-less paths
 * (`/tech/12.html`); the page's variant prefix is added here, in one place.
 */

const ABSOLUTE = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/**
 * An internal link in this page's variant. Absolute URLs (an external source, a CDN) pass
 * through untouched, so callers need not know which kind a model field holds.
 *
 * @example
 * link(chrome, '/tech/') // '/zh-hans/tech/' on a Simplified page
 */
export function link(chrome: Chrome, url: string): string {
  return ABSOLUTE.test(url) ? url : chrome.href(url);
}

/**
 * An absolute URL for a site path without a variant prefix (media files, Open Graph images),
 * since crawlers and social cards resolve nothing relative.
 */
export function absolute(chrome: Chrome, path: string): string {
  if (ABSOLUTE.test(path)) return path;
  return chrome.siteUrl.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`);
}

/**
 * The `x-default` alternate: the unprefixed URL, which serves the site's default variant.
 * An alternate without a variant prefix is that URL already; otherwise strip the prefix from
 * the first one. Chrome does not carry it, so it is derived from the alternates.
 */
export function xDefaultUrl(chrome: Chrome): string | undefined {
  const base = chrome.siteUrl.replace(/\/+$/, '');
  const prefixed = (url: string, variant: string): string | undefined => {
    const p = `${base}/${variant.toLowerCase()}`;
    if (url === p) return `${base}/`;
    if (url.startsWith(`${p}/`) || url.startsWith(`${p}?`)) return base + url.slice(p.length);
    return undefined;
  };
  for (const alt of chrome.alternates) {
    if (prefixed(alt.url, alt.variant) === undefined) return alt.url;
  }
  const first = chrome.alternates[0];
  return first ? prefixed(first.url, first.variant) : undefined;
}

/**
 * The absolute canonical URL of a site path, for metadata (rel prev/next, breadcrumbs, author
 * pages). Crawlers should see one URL per page, so this follows the canonical URL's form, not
 * the address the page was requested under: on `/zh-hant/…` served as the unprefixed default
 * variant, `/tech/` becomes `https://site/tech/`, on a zh-TW page `https://site/zh-tw/tech/`.
 *
 * @example
 * canonicalLink(chrome, '/tag/ai') // 'https://jiaodian.example/zh-tw/tag/ai'
 */
export function canonicalLink(chrome: Chrome, path: string): string {
  if (ABSOLUTE.test(path)) return path;
  const base = chrome.siteUrl.replace(/\/+$/, '');
  const prefix = `/${variantPrefix(chrome.variant)}`;
  const c = chrome.canonicalUrl;
  const prefixed = c === base + prefix || c.startsWith(`${base}${prefix}/`) || c.startsWith(`${base}${prefix}?`);
  return base + (prefixed ? prefix : '') + (path.startsWith('/') ? path : `/${path}`);
}
