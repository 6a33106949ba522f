import { describe, it, expect } from 'vitest';
import { documentTitle } from './layout.js';
import { xDefaultUrl } from './links.js';
import type { ListingModel } from './models.js';
import { renderHome, renderListing } from './render.js';
import { chrome, NOW, SITE } from './testdata/fixtures.testkit.js';
import { all, element } from './testdata/html.testkit.js';

function listing(over: Partial<ListingModel> = {}): ListingModel {
  return {
    chrome: chrome('/taiwan/', { title: '台灣', currentSection: 'taiwan', query: '颱風 "路徑"' }),
    kind: 'section',
    heading: '台灣',
    intro: '',
    breadcrumbs: [],
    links: [],
    articles: { items: [], page: 1, limit: 20, total: 0 },
    pager: { page: 1, pages: 1 },
    ...over,
  };
}

describe('layout head', () => {
  const html = renderListing(listing(), { now: NOW });
  const head = element(html, '<head>');

  it('declares doctype, language, charset and viewport', () => {
    expect(html.startsWith('<!doctype html><html lang="zh-TW"><head><meta charset="utf-8"/>')).toBe(true);
    expect(head).toContain('<meta name="viewport" content="width=device-width, initial-scale=1"/>');
  });

  it('titles the page "title - site" and describes it', () => {
    expect(head).toContain('<title>台灣 - 焦點</title>');
    expect(head).toContain('<meta name="description" content="焦點新聞"/>');
  });

  it('links canonical, every hreflang alternate and x-default', () => {
    expect(head).toContain(`<link rel="canonical" href="${SITE}/zh-tw/taiwan/"/>`);
    expect(all(head, /<link rel="alternate" hreflang="([^"]+)"/)).toEqual(['zh-Hans', 'zh-Hant', 'zh-TW', 'zh-HK', 'x-default']);
    expect(head).toContain(`<link rel="alternate" hreflang="zh-Hans" href="${SITE}/zh-hans/taiwan/"/>`);
    expect(head).toContain(`<link rel="alternate" hreflang="x-default" href="${SITE}/taiwan/"/>`);
  });

  it('links the feed, Open Graph basics and the stylesheet', () => {
    expect(head).toContain(`<link rel="alternate" type="application/rss+xml" title="焦點" href="${SITE}/zh-tw/feed.xml"/>`);
    expect(head).toContain('<meta property="og:title" content="台灣"/>');
    expect(head).toContain('<meta property="og:type" content="website"/>');
    expect(head).toContain(`<meta property="og:url" content="${SITE}/zh-tw/taiwan/"/>`);
    expect(head).not.toContain('og:image');
    expect(head).toContain('<link rel="stylesheet" href="/assets/site.abc123.css"/>');
    expect(head).not.toContain('<script');
  });
});

describe('layout header and footer', () => {
  const html = renderListing(listing(), { now: NOW });
  const header = element(html, '<header class="site-header">');

  it('links the site name home in the page variant and shows the date in the site zone', () => {
    expect(header).toContain('<a href="/zh-tw/" rel="home">焦點</a>');
    expect(header).toContain('<time datetime="2026-11-27">2026年11月27日（週五）</time>');
  });

  it('has a GET search form prefilled and escaped', () => {
    const form = element(header, '<form');
    expect(form).toContain('method="get" action="/zh-tw/search"');
    expect(form).toContain('name="q" value="颱風 &quot;路徑&quot;"');
  });

  it('marks the current section, also when it is a sub-section', () => {
    const nav = element(header, '<nav class="site-nav"');
    expect(all(nav, /<a href="([^"]*)"/)).toEqual(['/zh-tw/', '/zh-tw/news/', '/zh-tw/taiwan/', '/zh-tw/tech/']);
    expect(all(nav, /<a href="([^"]*)" aria-current/)).toEqual(['/zh-tw/taiwan/']);
    expect(nav).toContain('<li class="has-current"><a href="/zh-tw/news/">');
  });

  it('lists every variant in the switcher and marks this one', () => {
    const sw = element(header, '<nav class="variant-switcher"');
    expect(all(sw, />([^<]+)<\/a>/)).toEqual(['简体', '繁體', '台灣', '香港']);
    expect(all(sw, /aria-current="true">([^<]+)</)).toEqual(['台灣']);
  });

  it('has sections, the RSS link and the fiction notice in the footer', () => {
    const footer = element(html, '<footer class="site-footer">');
    expect(footer).toContain(`href="${SITE}/zh-tw/feed.xml"`);
    expect(footer).toContain('本站示範文章均為虛構內容');
    expect(footer).toContain('<a href="/zh-tw/tech/">科技</a>');
  });
});

describe('documentTitle', () => {
  it('uses site name and tagline on the home page', () => {
    expect(documentTitle(chrome('/', { title: '' }), true)).toBe('焦點 - 華文新聞與深度報道');
    expect(documentTitle(chrome('/', { title: '每日焦點' }), true)).toBe('焦點 - 每日焦點');
    expect(renderHome({ chrome: chrome('/'), headline: null, slideshow: [], featured: [], latest: [], sections: [], tags: [] }, { now: NOW }))
      .toContain('<title>焦點 - 華文新聞與深度報道</title>');
  });
});

describe('xDefaultUrl', () => {
  it('strips the variant prefix when every alternate is prefixed', () => {
    const c = chrome('/tech/');
    const prefixedOnly = { ...c, alternates: c.alternates.filter((a) => a.variant !== 'zh-Hant') };
    expect(xDefaultUrl(prefixedOnly)).toBe(`${SITE}/tech/`);
  });

  it('maps a prefixed home page to the site root', () => {
    const c = chrome('/');
    expect(xDefaultUrl({ ...c, alternates: [{ variant: 'zh-HK', hreflang: 'zh-HK', url: `${SITE}/zh-hk`, label: '香港' }] })).toBe(`${SITE}/`);
  });
});
