import { describe, it, expect } from 'vitest';
import type { HomeModel, ListingModel, NotFoundModel, SearchModel } from '../models.js';
import { renderHome, renderListing, renderNotFound, renderSearch } from '../render.js';
import { article, chrome, NOW, section } from '../testdata/fixtures.testkit.js';
import { all, element } from '../testdata/html.testkit.js';

const cover = { url: '/media/s.jpg', width: 800, height: 450, alt: '', caption: '', credit: '' };

describe('home page', () => {
  const world = section('world', '國際');
  const model: HomeModel = {
    chrome: chrome('/'),
    headline: article({ title: '頭條新聞', cover }),
    slideshow: [article({ title: '幻燈一', cover }), article({ title: '幻燈二', cover }), article({ title: '幻燈三' })],
    featured: [article({ title: '推薦一' })],
    latest: [article({ title: '最新一' }), article({ title: '最新二' })],
    sections: [
      { section: world, articles: [article({ title: '國際一', section: world }), article({ title: '國際二', section: world })] },
      { section: section('empty', '空欄目'), articles: [] },
    ],
    tags: [{ slug: 'ai', name: '人工智能', url: '/tag/ai', count: 12 }],
  };
  const html = renderHome(model, { now: NOW });

  it('makes the site name the h1 and marks 首頁 current', () => {
    expect(html).toContain('<h1 class="site-name"><a href="/zh-tw/" rel="home">焦點</a></h1>');
    expect(html).toContain('<a href="/zh-tw/" aria-current="page">首頁</a>');
  });

  it('shows the headline block with a lazy, sized thumbnail', () => {
    const block = element(html, '<section class="block headline"');
    expect(block).toContain('頭條');
    expect(block).toContain('<article class="card card-lead">');
    expect(block).toContain('頭條新聞');
    expect(block).toMatch(/<img src="\/media\/s\.jpg" alt(?:="")? width="800" height="450" loading="lazy"/);
  });

  it('builds the slideshow from anchored scroll-snap slides', () => {
    const show = element(html, '<section class="block slideshow"');
    expect(all(show, /<li id="(slide-\d)"/)).toEqual(['slide-1', 'slide-2', 'slide-3']);
    expect(all(show, /<span class="slide-caption">([^<]+)</)).toEqual(['幻燈一', '幻燈二', '幻燈三']);
    expect(all(show, /<a href="(#slide-\d)"/)).toEqual(['#slide-1', '#slide-2', '#slide-3']);
    expect(show).not.toContain('<script');
  });

  it('lists featured, latest, non-empty sections with a more link, and tags', () => {
    expect(element(html, '<section class="block featured"')).toContain('推薦一');
    expect(all(element(html, '<section class="block latest"'), /<a href="[^"]*">([^<]+)<\/a>/)).toEqual(['最新一', '最新二']);
    const sec = element(html, '<section class="block section-block" aria-labelledby="sec-world"');
    expect(sec).toContain('國際一');
    expect(sec).toContain('國際二');
    expect(sec).toContain('<a class="more-link" href="/zh-tw/world/" aria-label="更多國際新聞">更多</a>');
    expect(html).not.toContain('空欄目</a></h2>');
    expect(element(html, '<section class="block popular-tags"')).toContain('href="/zh-tw/tag/ai"');
  });

  it('renders an empty newsroom without blocks', () => {
    const empty = renderHome({ ...model, headline: null, slideshow: [], featured: [], latest: [], sections: [], tags: [] }, { now: NOW });
    expect(empty).toContain('<main id="main" tabindex="-1"><div class="wrap home"><div class="home-row"></div></div></main>');
  });
});

describe('listing page', () => {
  const base: ListingModel = {
    chrome: chrome('/tag/ai', { title: '人工智能' }),
    kind: 'tag',
    heading: '人工智能',
    intro: '關於人工智能的報道。',
    breadcrumbs: [
      { label: '首頁', url: '/' },
      { label: '人工智能', url: '/tag/ai' },
    ],
    links: [{ label: '機器學習', url: '/tag/ml' }],
    articles: { items: [article({ title: '甲' }), article({ title: '乙' })], page: 2, limit: 2, total: 5 },
    pager: { page: 2, pages: 3, prev: '/tag/ai', next: '/tag/ai/page/3' },
  };
  const html = renderListing(base, { now: NOW });

  it('has breadcrumbs, heading, intro, sub-links and cards', () => {
    expect(html).toContain('<nav class="breadcrumb" aria-label="breadcrumb">');
    expect(html).toContain('<h1 class="listing-title">人工智能</h1>');
    expect(html).toContain('<p class="listing-intro">關於人工智能的報道。</p>');
    expect(element(html, '<nav class="sub-links"')).toContain('<a href="/zh-tw/tag/ml">機器學習</a>');
    expect(all(html, /<h2 class="card-title"><a href="[^"]*">([^<]+)</)).toEqual(['甲', '乙']);
    expect(html).toContain('<body class="page-listing listing-tag">');
  });

  it('has a pager with prev and next in the page variant', () => {
    const pager = element(html, '<nav class="pager"');
    expect(pager).toContain('<a class="pager-prev" rel="prev" href="/zh-tw/tag/ai">上一頁</a>');
    expect(pager).toContain('第 2 頁，共 3 頁');
    expect(pager).toContain('<a class="pager-next" rel="next" href="/zh-tw/tag/ai/page/3">下一頁</a>');
  });

  it('says so when there are no articles, and hides a one-page pager', () => {
    const empty = renderListing({ ...base, articles: { items: [], page: 1, limit: 20, total: 0 }, pager: { page: 1, pages: 1 } }, { now: NOW });
    expect(empty).toContain('<p class="empty-state">這裡還沒有文章。</p>');
    expect(empty).not.toContain('class="card"');
    expect(empty).not.toContain('class="pager"');
  });
});

describe('search page', () => {
  const base: SearchModel = {
    chrome: chrome('/search', { title: '搜尋', query: '颱風' }),
    query: '颱風',
    results: { items: [article({ title: '颱風登陸' })], page: 1, limit: 20, total: 1 },
    pager: { page: 1, pages: 1 },
  };

  it('shows the prefilled form, the count and results', () => {
    const html = renderSearch(base, { now: NOW });
    expect(element(html, '<form class="search-form search-page-form"')).toContain('value="颱風"');
    expect(html).toContain('找到 1 篇與「颱風」相關的文章');
    expect(html).toContain('颱風登陸');
  });

  it('offers tips and sections when nothing matched, escaping the query', () => {
    const q = '<img src=x onerror=alert(1)>';
    const html = renderSearch({ ...base, query: q, results: { items: [], page: 1, limit: 20, total: 0 } }, { now: NOW });
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('沒有找到與「&lt;img src=x onerror=alert(1)>」相關的文章。');
    const tips = element(html, '<div class="empty-state">');
    expect(tips).toContain('減少關鍵詞');
    expect(tips).toContain('繁體或簡體');
    expect(tips).toContain('<a href="/zh-tw/news/">要聞</a>');
  });

  it('prompts for a query when there is none', () => {
    const html = renderSearch({ ...base, query: '  ', results: { items: [], page: 1, limit: 20, total: 0 } }, { now: NOW });
    expect(html).toContain('請輸入想找的內容');
    expect(html).not.toContain('沒有找到');
  });
});

describe('not-found page', () => {
  const model: NotFoundModel = { chrome: chrome('/nope'), status: 404, message: '找不到 /nope', latest: [article({ title: '最新文章' })] };

  it('explains, offers search, latest articles and a way home', () => {
    const html = renderNotFound(model, { now: NOW });
    expect(html).toContain('<h1 class="listing-title">沒有找到這個頁面</h1>');
    expect(html).toContain('<p class="status-message">找不到 /nope</p>');
    expect(html).toContain('<form class="search-form search-page-form"');
    expect(html).toContain('最新文章');
    expect(html).toContain('<a class="back-home" href="/zh-tw/">返回首頁</a>');
  });

  it('titles a bad request differently', () => {
    expect(renderNotFound({ ...model, status: 400 }, { now: NOW })).toContain('無法處理這個請求');
  });
});
