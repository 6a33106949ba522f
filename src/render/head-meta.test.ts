import { describe, it, expect } from 'vitest';
import type { ArticleView } from '../content/views.js';
import type { Variant } from '../zh/variants.js';
import type { ArticleModel, Chrome, ListingModel, SearchModel } from './models.js';
import { renderArticle, renderHome, renderListing, renderSearch } from './render.js';
import { article, chrome, NOW, section, SITE } from './testdata/fixtures.testkit.js';
import { element, metas } from './testdata/html.testkit.js';

const cover = { url: '/media/2026/robot.jpg', width: 1200, height: 675, alt: '課堂裡的機器人', caption: '', credit: '' };

function articleModel(over: Partial<ArticleView> = {}, chromeOver: Partial<Chrome> = {}): ArticleModel {
  const a = article({
    id: 42,
    url: '/tech/42-robot.html',
    title: '機器人走進課堂',
    summary: '三所小學試行一學期。',
    section: section('tech', '科技'),
    publishedAt: '2026-11-27T04:09:00.000Z',
    updatedAt: '2026-11-27T06:30:00.000Z',
    authors: [{ slug: 'wang', name: '王小明', bio: '', url: '/author/wang' }],
    tags: [
      { slug: 'robot', name: '機器人', url: '/tag/robot' },
      { slug: 'edu', name: '教育', url: '/tag/edu' },
    ],
    cover,
    ...over,
  });
  return {
    chrome: chrome(a.url, { title: a.title, description: a.summary, ...chromeOver }),
    article: a,
    breadcrumbs: [{ label: '首頁', url: '/' }, { label: '科技', url: '/tech/' }, { label: '正文', url: '' }],
    related: [],
    featured: [],
    relatedWords: [],
    recommended: [],
  };
}

function listing(pager: ListingModel['pager'], chromeOver: Partial<Chrome> = {}): ListingModel {
  return {
    chrome: chrome('/tech/page/2', { title: '科技', ...chromeOver }),
    kind: 'section',
    heading: '科技',
    intro: '',
    breadcrumbs: [{ label: '首頁', url: '/' }, { label: '科技', url: '/tech/' }],
    links: [],
    articles: { items: [article()], page: pager.page, limit: 20, total: 60 },
    pager,
  };
}

const head = (html: string) => element(html, '<head>');

describe('article head: Open Graph', () => {
  const html = head(renderArticle(articleModel(), { now: NOW }));

  it('names the site, the page, its description, type and canonical URL', () => {
    expect(metas(html, 'og:site_name')).toEqual(['焦點']);
    expect(metas(html, 'og:title')).toEqual(['機器人走進課堂']);
    expect(metas(html, 'og:description')).toEqual(['三所小學試行一學期。']);
    expect(metas(html, 'description')).toEqual(['三所小學試行一學期。']);
    expect(metas(html, 'og:type')).toEqual(['article']);
    expect(metas(html, 'og:url')).toEqual([`${SITE}/zh-tw/tech/42-robot.html`]);
    expect(html).toContain(`<link rel="canonical" href="${SITE}/zh-tw/tech/42-robot.html"/>`);
  });

  it('gives the cover as an absolute image with its size and alt text', () => {
    expect(metas(html, 'og:image')).toEqual([`${SITE}/media/2026/robot.jpg`]);
    expect(metas(html, 'og:image:width')).toEqual(['1200']);
    expect(metas(html, 'og:image:height')).toEqual(['675']);
    expect(metas(html, 'og:image:alt')).toEqual(['課堂裡的機器人']);
  });

  it('has the article properties: times, section, one tag each and author pages', () => {
    expect(metas(html, 'article:published_time')).toEqual(['2026-11-27T04:09:00.000Z']);
    expect(metas(html, 'article:modified_time')).toEqual(['2026-11-27T06:30:00.000Z']);
    expect(metas(html, 'article:section')).toEqual(['科技']);
    expect(metas(html, 'article:tag')).toEqual(['機器人', '教育']);
    expect(metas(html, 'article:author')).toEqual([`${SITE}/zh-tw/author/wang`]);
  });

  it('sizes the image only when the size is known', () => {
    const m = articleModel({ cover: { ...cover, width: null, height: null } });
    const h = head(renderArticle(m, { now: NOW }));
    expect(metas(h, 'og:image')).toHaveLength(1);
    expect(h).not.toContain('og:image:width');
    expect(h).not.toContain('og:image:height');
  });
});

describe('article head: Twitter card', () => {
  it('is a large-image card when there is a cover', () => {
    const html = head(renderArticle(articleModel(), { now: NOW }));
    expect(metas(html, 'twitter:card')).toEqual(['summary_large_image']);
    expect(metas(html, 'twitter:title')).toEqual(['機器人走進課堂']);
    expect(metas(html, 'twitter:description')).toEqual(['三所小學試行一學期。']);
    expect(metas(html, 'twitter:image')).toEqual([`${SITE}/media/2026/robot.jpg`]);
    expect(metas(html, 'twitter:image:alt')).toEqual(['課堂裡的機器人']);
  });

  it('is a summary card without an image when there is no cover', () => {
    const html = head(renderArticle(articleModel({ cover: null }), { now: NOW }));
    expect(metas(html, 'twitter:card')).toEqual(['summary']);
    expect(html).not.toContain('twitter:image');
    expect(html).not.toContain('og:image');
  });
});

describe('descriptions', () => {
  it('describes an article without summary by its opening text', () => {
    const body = `<p>【焦點新聞 台北電】第一段&amp;說明。</p><p>${'長'.repeat(200)}</p>`;
    const m = articleModel({ summary: '', bodyHtml: body }, { description: '' });
    const html = head(renderArticle(m, { now: NOW }));
    const [description] = metas(html, 'description');
    expect(description?.startsWith('【焦點新聞 台北電】第一段&說明。 長長')).toBe(true);
    expect(description?.endsWith('…')).toBe(true);
    expect(metas(html, 'og:description')).toEqual([description]);
    expect(metas(html, 'twitter:description')).toEqual([description]);
  });

  it('falls back to the site description on a page that has none', () => {
    const html = renderHome(
      { chrome: chrome('/', { description: '' }), headline: null, slideshow: [], featured: [], latest: [], sections: [], tags: [] },
      { now: NOW },
    );
    expect(metas(head(html), 'description')).toEqual(['焦點：華文新聞與深度報道']);
  });
});

describe('og:locale', () => {
  const locale = (variant: Variant) => {
    const html = head(renderArticle(articleModel({}, { variant, htmlLang: variant }), { now: NOW }));
    return { locale: metas(html, 'og:locale'), alternates: metas(html, 'og:locale:alternate') };
  };

  it('maps each variant to its Open Graph locale and lists the others once', () => {
    expect(locale('zh-Hans')).toEqual({ locale: ['zh_CN'], alternates: ['zh_TW', 'zh_HK'] });
    expect(locale('zh-Hant')).toEqual({ locale: ['zh_TW'], alternates: ['zh_CN', 'zh_HK'] });
    expect(locale('zh-TW')).toEqual({ locale: ['zh_TW'], alternates: ['zh_CN', 'zh_HK'] });
    expect(locale('zh-HK')).toEqual({ locale: ['zh_HK'], alternates: ['zh_CN', 'zh_TW'] });
  });
});

describe('listing head', () => {
  it('is a website with a summary card and the favicon inline', () => {
    const html = head(renderListing(listing({ page: 1, pages: 1 }), { now: NOW }));
    expect(metas(html, 'og:type')).toEqual(['website']);
    expect(metas(html, 'twitter:card')).toEqual(['summary']);
    expect(html).not.toContain('article:');
    expect(html).toMatch(/<link rel="icon" href="data:image\/svg\+xml,[^"]+" type="image\/svg\+xml"\/>/);
  });

  it('links the previous and next page with absolute URLs', () => {
    const html = head(renderListing(listing({ page: 2, pages: 3, prev: '/tech/', next: '/tech/page/3' }), { now: NOW }));
    expect(html).toContain(`<link rel="prev" href="${SITE}/zh-tw/tech/"/>`);
    expect(html).toContain(`<link rel="next" href="${SITE}/zh-tw/tech/page/3"/>`);
  });

  it('has only next on the first page, only prev on the last and neither on a single page', () => {
    const first = head(renderListing(listing({ page: 1, pages: 3, next: '/tech/page/2' }), { now: NOW }));
    expect(first).not.toContain('rel="prev"');
    expect(first).toContain(`<link rel="next" href="${SITE}/zh-tw/tech/page/2"/>`);
    const last = head(renderListing(listing({ page: 3, pages: 3, prev: '/tech/page/2' }), { now: NOW }));
    expect(last).toContain(`<link rel="prev" href="${SITE}/zh-tw/tech/page/2"/>`);
    expect(last).not.toContain('rel="next"');
    const single = head(renderListing(listing({ page: 1, pages: 1 }), { now: NOW }));
    expect(single).not.toMatch(/rel="(prev|next)"/);
  });

  it('points prev/next at canonical URLs when the default variant is read under its prefix', () => {
    // /zh-hant/tech/page/2 is served, but the default variant's canonical URLs are unprefixed.
    const c = { variant: 'zh-Hant', htmlLang: 'zh-Hant', canonicalUrl: `${SITE}/tech/page/2`, href: (p: string) => `/zh-hant${p}` } as const;
    const html = head(renderListing(listing({ page: 2, pages: 3, prev: '/tech/', next: '/tech/page/3' }, c), { now: NOW }));
    expect(html).toContain(`<link rel="prev" href="${SITE}/tech/"/>`);
    expect(html).toContain(`<link rel="next" href="${SITE}/tech/page/3"/>`);
  });
});

describe('search head', () => {
  it('links the neighbouring result pages, keeping the query', () => {
    const model: SearchModel = {
      chrome: chrome('/search?q=%E9%A2%B1%E9%A2%A8&page=2', { title: '搜尋：颱風', query: '颱風' }),
      query: '颱風',
      results: { items: [article()], page: 2, limit: 20, total: 50 },
      pager: { page: 2, pages: 3, prev: '/search?q=%E9%A2%B1%E9%A2%A8', next: '/search?q=%E9%A2%B1%E9%A2%A8&page=3' },
    };
    const html = head(renderSearch(model, { now: NOW }));
    expect(html).toContain(`<link rel="prev" href="${SITE}/zh-tw/search?q=%E9%A2%B1%E9%A2%A8"/>`);
    expect(html).toContain(`<link rel="next" href="${SITE}/zh-tw/search?q=%E9%A2%B1%E9%A2%A8&amp;page=3"/>`);
    expect(html).not.toContain('application/ld+json');
  });
});
