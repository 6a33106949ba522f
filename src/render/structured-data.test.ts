import { describe, it, expect } from 'vitest';
import type { ArticleView } from '../content/views.js';
import { canonicalLink } from './links.js';
import type { ArticleModel, Chrome, ListingModel } from './models.js';
import { renderArticle, renderHome, renderListing } from './render.js';
import { breadcrumbListJsonLd } from './structured-data.js';
import { article, chrome, NOW, section, SITE } from './testdata/fixtures.testkit.js';
import { jsonLd, jsonLdOf } from './testdata/html.testkit.js';

function articleModel(over: Partial<ArticleView> = {}, chromeOver: Partial<Chrome> = {}): ArticleModel {
  const a = article({
    id: 7,
    url: '/ai/7-chip.html',
    title: '新晶片量產',
    summary: '良率提升至九成。',
    section: section('ai', '人工智能'),
    publishedAt: '2026-11-27T04:09:00.000Z',
    updatedAt: '2026-11-27T06:30:00.000Z',
    authors: [
      { slug: 'wang', name: '王小明', bio: '', url: '/author/wang' },
      { slug: 'li', name: '李華', bio: '', url: '/author/li' },
    ],
    tags: [
      { slug: 'chips', name: '晶片', url: '/tag/chips' },
      { slug: 'ai', name: '人工智能', url: '/tag/ai' },
    ],
    cover: { url: '/media/chip.jpg', width: 1200, height: 675, alt: '晶圓', caption: '', credit: '' },
    ...over,
  });
  return {
    chrome: chrome(a.url, { title: a.title, description: a.summary, ...chromeOver }),
    article: a,
    breadcrumbs: [
      { label: '首頁', url: '/' },
      { label: '科技', url: '/tech/' },
      { label: '人工智能', url: '/ai/' },
      { label: '正文', url: '' },
    ],
    related: [],
    featured: [],
    relatedWords: [],
    recommended: [],
  };
}

describe('NewsArticle JSON-LD', () => {
  const data = jsonLdOf(renderArticle(articleModel(), { now: NOW }), 'NewsArticle');
  const page = `${SITE}/zh-tw/ai/7-chip.html`;

  it('has headline, description, dates, section, keywords and language', () => {
    expect(data).toMatchObject({
      '@context': 'https://schema.org',
      headline: '新晶片量產',
      description: '良率提升至九成。',
      datePublished: '2026-11-27T04:09:00.000Z',
      dateModified: '2026-11-27T06:30:00.000Z',
      articleSection: '人工智能',
      keywords: ['晶片', '人工智能'],
      inLanguage: 'zh-TW',
    });
  });

  it('names the authors as people with absolute profile URLs', () => {
    expect(data.author).toEqual([
      { '@type': 'Person', name: '王小明', url: `${SITE}/zh-tw/author/wang` },
      { '@type': 'Person', name: '李華', url: `${SITE}/zh-tw/author/li` },
    ]);
  });

  it('names the site as publisher, the cover as image and the page as main entity', () => {
    expect(data.publisher).toEqual({ '@type': 'Organization', name: '焦點', url: `${SITE}/zh-tw/` });
    expect(data.image).toEqual([`${SITE}/media/chip.jpg`]);
    expect(data.url).toBe(page);
    expect(data.mainEntityOfPage).toEqual({ '@type': 'WebPage', '@id': page });
  });

  it('credits the newsroom when there is no byline and leaves out what is missing', () => {
    const bare = jsonLdOf(
      renderArticle(articleModel({ authors: [], tags: [], cover: null, publishedAt: null, summary: '', bodyHtml: '<p>只有正文。</p>' }, { description: '' }), { now: NOW }),
      'NewsArticle',
    );
    expect(bare.author).toEqual([{ '@type': 'Organization', name: '焦點', url: `${SITE}/zh-tw/` }]);
    expect(bare.description).toBe('只有正文。');
    for (const key of ['keywords', 'image', 'datePublished']) expect(bare).not.toHaveProperty(key);
  });

  it('keeps a foreign-language article in its own language', () => {
    expect(jsonLdOf(renderArticle(articleModel({ lang: 'en' }), { now: NOW }), 'NewsArticle').inLanguage).toBe('en');
  });
});

describe('BreadcrumbList JSON-LD', () => {
  it('lists the article trail with positions and absolute URLs, the last one the page itself', () => {
    const data = jsonLdOf(renderArticle(articleModel(), { now: NOW }), 'BreadcrumbList');
    expect(data['@context']).toBe('https://schema.org');
    expect(data.itemListElement).toEqual([
      { '@type': 'ListItem', position: 1, name: '首頁', item: `${SITE}/zh-tw/` },
      { '@type': 'ListItem', position: 2, name: '科技', item: `${SITE}/zh-tw/tech/` },
      { '@type': 'ListItem', position: 3, name: '人工智能', item: `${SITE}/zh-tw/ai/` },
      { '@type': 'ListItem', position: 4, name: '正文', item: `${SITE}/zh-tw/ai/7-chip.html` },
    ]);
  });

  it('is on listing pages too, but not on the home page', () => {
    const model: ListingModel = {
      chrome: chrome('/tag/chips', { title: '晶片' }),
      kind: 'tag',
      heading: '晶片',
      intro: '',
      breadcrumbs: [{ label: '首頁', url: '/' }, { label: '晶片', url: '/tag/chips' }],
      links: [],
      articles: { items: [], page: 1, limit: 20, total: 0 },
      pager: { page: 1, pages: 1 },
    };
    const html = renderListing(model, { now: NOW });
    expect(jsonLd(html).map((d) => d['@type'])).toEqual(['BreadcrumbList']);
    expect(jsonLdOf(html, 'BreadcrumbList').itemListElement).toEqual([
      { '@type': 'ListItem', position: 1, name: '首頁', item: `${SITE}/zh-tw/` },
      { '@type': 'ListItem', position: 2, name: '晶片', item: `${SITE}/zh-tw/tag/chips` },
    ]);
    const home = renderHome({ chrome: chrome('/'), headline: null, slideshow: [], featured: [], latest: [], sections: [], tags: [] }, { now: NOW });
    expect(jsonLd(home)).toEqual([]);
    expect(renderListing({ ...model, breadcrumbs: [] }, { now: NOW })).not.toContain('application/ld+json');
  });

  it('is absent for an empty trail and escapes labels that could end the script', () => {
    expect(breadcrumbListJsonLd(chrome('/'), [])).toBeUndefined();
    const m = articleModel();
    const html = renderArticle({ ...m, breadcrumbs: [{ label: '</script><b>', url: '/' }] }, { now: NOW });
    expect(html).not.toContain('</script><b>');
    expect(jsonLdOf(html, 'BreadcrumbList').itemListElement).toEqual([{ '@type': 'ListItem', position: 1, name: '</script><b>', item: `${SITE}/zh-tw/` }]);
  });
});

describe('canonicalLink', () => {
  it('follows the prefix of the canonical URL, not of the request', () => {
    expect(canonicalLink(chrome('/tech/'), '/tag/ai')).toBe(`${SITE}/zh-tw/tag/ai`);
    expect(canonicalLink(chrome('/'), '/')).toBe(`${SITE}/zh-tw/`);
    // zh-Hant read under /zh-hant/: its canonical URLs are the unprefixed ones.
    const hant = chrome('/tech/', { variant: 'zh-Hant', canonicalUrl: `${SITE}/tech/`, href: (p) => `/zh-hant${p}` });
    expect(canonicalLink(hant, '/author/wang')).toBe(`${SITE}/author/wang`);
  });

  it('keeps absolute URLs and tolerates a trailing slash on the site URL', () => {
    expect(canonicalLink(chrome('/'), 'https://other.example/x')).toBe('https://other.example/x');
    expect(canonicalLink(chrome('/', { siteUrl: `${SITE}/` }), '/tag/ai')).toBe(`${SITE}/zh-tw/tag/ai`);
  });
});
