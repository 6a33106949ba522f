import type { ArticleView } from '../content/views.js';
import { absolute, canonicalLink } from './links.js';
import type { Chrome, Link } from './models.js';

/**
 * schema.org structured data (JSON-LD) for search engines, built from the same view models as
 * the visible page so the two cannot disagree. Every URL is absolute and in its canonical
 * form: crawlers resolve nothing relative and should see one URL per page.
 */

/** A JSON-LD object; the layout writes each one as its own script element. */
export type JsonLd = Readonly<Record<string, unknown>>;

/** The site as the publishing organization. */
function publisher(chrome: Chrome): JsonLd {
  // No logo: Google wants a crawlable image URL, and the site serves none yet (a data: URL
  // does not count). Add `logo` here once one is served under /assets/.
  return { '@type': 'Organization', name: chrome.siteName, url: canonicalLink(chrome, '/') };
}

/**
 * `NewsArticle` for an article page: headline, description, dates, authors, publisher, image,
 * section, keywords (tag names), language and the page it is the main entity of.
 *
 * @example
 * newsArticleJsonLd(chrome, article).headline // article.title
 */
export function newsArticleJsonLd(chrome: Chrome, article: ArticleView, description: string): JsonLd {
  const authors = article.authors.map((a) => ({ '@type': 'Person', name: a.name, url: canonicalLink(chrome, a.url) }));
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    ...(description ? { description } : {}),
    ...(article.publishedAt ? { datePublished: article.publishedAt } : {}),
    dateModified: article.updatedAt,
    // An article without a byline is the newsroom's own; Google expects some author.
    author: authors.length > 0 ? authors : [publisher(chrome)],
    publisher: publisher(chrome),
    ...(article.cover ? { image: [absolute(chrome, article.cover.url)] } : {}),
    articleSection: article.section.name,
    ...(article.tags.length > 0 ? { keywords: article.tags.map((t) => t.name) } : {}),
    // Chinese articles are converted to the page's script; a foreign-language one keeps its own.
    inLanguage: article.lang.startsWith('zh') ? chrome.htmlLang : article.lang,
    url: chrome.canonicalUrl,
    mainEntityOfPage: { '@type': 'WebPage', '@id': chrome.canonicalUrl },
  };
}

/**
 * `BreadcrumbList` from a page's breadcrumb trail. The last crumb is the page itself, so an
 * empty URL there (the article's 正文) becomes the canonical URL.
 *
 * @example
 * breadcrumbListJsonLd(chrome, [{ label: '首頁', url: '/' }, { label: '科技', url: '/tech/' }])
 */
export function breadcrumbListJsonLd(chrome: Chrome, crumbs: readonly Link[]): JsonLd | undefined {
  if (crumbs.length === 0) return undefined;
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((c, i) => ({
      '@type': 'ListItem',
      position: i + 1,
      name: c.label,
      item: c.url ? canonicalLink(chrome, c.url) : chrome.canonicalUrl,
    })),
  };
}
