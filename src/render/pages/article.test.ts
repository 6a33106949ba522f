import { describe, it, expect } from 'vitest';
import type { ArticleModel } from '../models.js';
import { renderArticle } from '../render.js';
import { article, chrome, NOW, section, SITE } from '../testdata/fixtures.testkit.js';
import { all, element, positions } from '../testdata/html.testkit.js';

const tech = section('tech', '科技');
const ai = section('ai', '人工智能', { parentId: tech.id });

function model(over: Partial<ArticleModel> = {}): ArticleModel {
  const a = article({
    id: 42,
    section: ai,
    url: '/ai/42-robot.html',
    title: '機器人走進課堂',
    subtitle: '三所小學試行一學期',
    bodyHtml:
      '<p>第一段。</p><h2>小標題</h2><figure><img src="/media/a.jpg" alt="課堂"><figcaption>學生與機器人</figcaption></figure><p>最後一段。</p>',
    publishedAt: '2026-11-27T04:09:00.000Z',
    updatedAt: '2026-11-27T06:30:00.000Z',
    source: { name: '焦點通訊社', url: 'https://wire.example/1' },
    authors: [
      { slug: 'wang', name: '王小明', bio: '', url: '/author/wang' },
      { slug: 'li', name: '李華', bio: '', url: '/author/li' },
    ],
    tags: [
      { slug: 'robot', name: '機器人', url: '/tag/robot' },
      { slug: 'edu', name: '教育', url: '/tag/edu' },
    ],
    cover: { url: '/media/cover.jpg', width: 1200, height: 675, alt: '教室', caption: '課堂一景', credit: '攝影：陳大文' },
    readingMinutes: 4,
  });
  return {
    chrome: chrome(a.url, { title: a.title, currentSection: 'ai' }),
    article: a,
    breadcrumbs: [
      { label: '首頁', url: '/' },
      { label: '科技', url: '/tech/' },
      { label: '人工智能', url: '/ai/' },
      { label: '正文', url: a.url },
    ],
    related: [article({ id: 1, title: '相關一' }), article({ id: 2, title: '相關二' })],
    featured: [article({ id: 3, title: '推薦甲' })],
    relatedWords: [
      { label: '教育科技', url: '/search?q=%E6%95%99%E8%82%B2%E7%A7%91%E6%8A%80' },
      { label: '小學', url: '/tag/xiaoxue' },
    ],
    recommended: [article({ id: 4, title: '閱讀乙' }), article({ id: 5, title: '閱讀丙' })],
    ...over,
  };
}

describe('article page', () => {
  const html = renderArticle(model(), { now: NOW });

  it('is a complete document in the page language', () => {
    expect(html.startsWith('<!doctype html><html lang="zh-TW">')).toBe(true);
    expect(html).toContain('<title>機器人走進課堂 - 焦點</title>');
  });

  it('has the breadcrumb 首頁 > sections > 正文, the last one not a link', () => {
    const nav = element(html, '<nav class="breadcrumb" aria-label="breadcrumb">');
    expect(nav).toContain('<ol>');
    expect(all(nav, /<li>(?:<a [^>]*>|<span [^>]*>)([^<]*)</)).toEqual(['首頁', '科技', '人工智能', '正文']);
    expect(nav).toContain('<a href="/zh-tw/">首頁</a>');
    expect(nav).toContain('<a href="/zh-tw/ai/">人工智能</a>');
    expect(nav).toContain('<span aria-current="page">正文</span>');
    expect(nav).not.toContain('42-robot.html');
  });

  it('puts the parts in portal order', () => {
    const order = positions(html, [
      'aria-label="breadcrumb"',
      '<h1 class="article-title">機器人走進課堂</h1>',
      '<p class="article-subtitle">三所小學試行一學期</p>',
      '<p class="article-meta">',
      '<figure class="cover">',
      '<div class="article-body">',
      'class="article-tags"',
      '<section id="related"',
      '<section id="featured"',
      '<section id="related-words"',
      '<section id="recommended"',
    ]);
    expect(order.every((p) => p >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('shows publish time, update time, source, authors and reading time', () => {
    const meta = element(html, '<p class="article-meta">');
    expect(meta).toContain('<time datetime="2026-11-27T04:09:00.000Z">2026年11月27日 12:09</time>');
    expect(meta).toContain('更新：<time datetime="2026-11-27T06:30:00.000Z">2026年11月27日 14:30</time>');
    expect(meta).toContain('來源：<a href="https://wire.example/1" rel="nofollow noopener">焦點通訊社</a>');
    expect(meta).toContain('作者：<a href="/zh-tw/author/wang" rel="author">王小明</a>、<a href="/zh-tw/author/li" rel="author">李華</a>');
    expect(meta).toContain('閱讀時間 4 分鐘');
  });

  it('shows an unlinked source, or the site as source, when there is no URL', () => {
    const m = model();
    const own = renderArticle({ ...m, article: { ...m.article, source: { name: '', url: '' } } }, { now: NOW });
    expect(element(own, '<span class="meta-item meta-source">')).toBe('<span class="meta-item meta-source">來源：焦點</span>');
  });

  it('inserts the sanitized body as HTML with its figure and caption', () => {
    const body = element(html, '<div class="article-body">');
    expect(body).toContain('<h2>小標題</h2>');
    expect(body).toContain('<figure><img src="/media/a.jpg" alt="課堂"><figcaption>學生與機器人</figcaption></figure>');
  });

  it('shows the cover with caption and credit', () => {
    const fig = element(html, '<figure class="cover">');
    expect(fig).toContain('src="/media/cover.jpg"');
    expect(fig).toContain('width="1200"');
    expect(fig).toContain('<span class="caption">課堂一景</span><span class="credit">攝影：陳大文</span>');
    expect(html).toContain(`<meta property="og:image" content="${SITE}/media/cover.jpg"/>`);
    expect(html).toContain('<meta property="og:type" content="article"/>');
  });

  it('links tags in the page variant', () => {
    const tags = element(html, '<nav class="article-tags"');
    expect(tags).toContain('標簽');
    expect(all(tags, /<a href="([^"]*)" rel="tag">/)).toEqual(['/zh-tw/tag/robot', '/zh-tw/tag/edu']);
  });

  it('fills the four blocks with their own items', () => {
    const titles = (id: string) => all(element(html, `<section id="${id}"`), /<a href="[^"]*">([^<]+)<\/a>/).filter((t) => t !== '科技');
    expect(element(html, '<section id="related"')).toContain('<h2 class="block-title">相關閱讀</h2>');
    expect(titles('related')).toEqual(['相關一', '相關二']);
    expect(element(html, '<section id="featured"')).toContain('<h2 class="block-title">精彩推薦</h2>');
    expect(titles('featured')).toEqual(['推薦甲']);
    const words = element(html, '<section id="related-words"');
    expect(words).toContain('<h2 class="block-title">相關詞</h2>');
    expect(titles('related-words')).toEqual(['教育科技', '小學']);
    expect(words).toContain('href="/zh-tw/tag/xiaoxue"');
    expect(element(html, '<section id="recommended"')).toContain('<h2 class="block-title">推薦閱讀</h2>');
    expect(titles('recommended')).toEqual(['閱讀乙', '閱讀丙']);
  });

  it('leaves out empty blocks and the correction box when there is nothing to show', () => {
    expect(html).not.toContain('class="correction"');
    const bare = renderArticle(model({ related: [], featured: [], relatedWords: [], recommended: [] }), { now: NOW });
    for (const id of ['related', 'featured', 'related-words', 'recommended']) expect(bare).not.toContain(`id="${id}"`);
  });

  it('shows a correction with its time', () => {
    const m = model();
    const fixed = renderArticle(
      { ...m, article: { ...m.article, correction: { note: '本文早前誤植校名。', at: '2026-11-28T01:00:00Z' } } },
      { now: NOW },
    );
    const box = element(fixed, '<aside class="correction"');
    expect(box).toContain('<strong class="correction-label">更正</strong>');
    expect(box).toContain('2026年11月28日 09:00');
    expect(box).toContain('本文早前誤植校名。');
    expect(fixed.indexOf('class="correction"')).toBeLessThan(fixed.indexOf('<figure class="cover">'));
  });

  it('describes the article as NewsArticle JSON-LD', () => {
    const json = /<script type="application\/ld\+json">(.*?)<\/script>/.exec(html)?.[1] ?? '';
    const data = JSON.parse(json) as Record<string, unknown>;
    expect(data).toMatchObject({
      '@type': 'NewsArticle',
      headline: '機器人走進課堂',
      datePublished: '2026-11-27T04:09:00.000Z',
      dateModified: '2026-11-27T06:30:00.000Z',
      author: [{ name: '王小明' }, { name: '李華' }],
      image: [`${SITE}/media/cover.jpg`],
      publisher: { name: '焦點' },
    });
  });
});

describe('article page escaping', () => {
  const m = model();
  const evil = '<script>alert("x")</script>';
  const html = renderArticle(
    { ...m, chrome: { ...m.chrome, title: evil }, article: { ...m.article, title: evil, summary: `</script>${evil}` } },
    { now: NOW },
  );

  it('escapes a title everywhere it appears as text', () => {
    expect(html).toContain('<h1 class="article-title">&lt;script>alert(&quot;x&quot;)&lt;/script></h1>');
    expect(html).toContain('<title>&lt;script>');
    // The only <script> start tags are the JSON-LD ones (NewsArticle, BreadcrumbList).
    expect(all(html, /(<script\b[^>]*>)/)).toEqual(['<script type="application/ld+json">', '<script type="application/ld+json">']);
  });

  it('keeps JSON-LD inside its script element', () => {
    const start = html.indexOf('<script type="application/ld+json">');
    const end = html.indexOf('</script>', start);
    const json = html.slice(start + '<script type="application/ld+json">'.length, end);
    expect(json).not.toContain('<');
    expect((JSON.parse(json) as { headline: string }).headline).toBe(evil);
  });
});
