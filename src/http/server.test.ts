import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemoSite, type DemoSite } from './demo-site.testkit.js';
import type { Container } from '../container.js';

// The whole public surface over the demo newsroom, as a reader's browser and an API client see it.
let demo: DemoSite;
let c: Container;
let app: FastifyInstance;

beforeAll(async () => {
  demo = await openDemoSite();
  ({ c, app } = demo);
});
afterAll(async () => demo?.close());

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
// Pages are served in the default variant (zh-Hant); ask the API for the same script.
const firstArticle = async () => JSON.parse((await get('/api/v1/articles?limit=50&variant=zh-Hant')).body).articles as Array<Record<string, any>>;

describe('public pages', () => {
  it('serves a home page with the headline, sections and latest articles', async () => {
    const res = await get('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    for (const name of ['國際', '財經', '科技', '體育', '綜合']) expect(res.body).toContain(name);
    expect(res.body).toContain('<html lang="zh-Hant"');
    const headline = (await firstArticle()).find((a) => a.flags.headline);
    expect(res.body).toContain(headline!.title);
  });

  it('serves an article page with the portal structure in order', async () => {
    const articles = await firstArticle();
    const a = articles.find((x) => x.bodyHtml.includes('<figure>') && x.tags.length > 1)!;
    const res = await get(a.url);
    expect(res.statusCode).toBe(200);
    const html = res.body;
    const order = ['aria-label="breadcrumb"', '首頁', a.section.name, '正文', `<h1`, '來源', '<figcaption', '標簽', '相關閱讀', '精彩推薦', '相關詞', '推薦閱讀'];
    let at = 0;
    for (const marker of order) {
      const next = html.indexOf(marker, at);
      expect(next, `${marker} after position ${at}`).toBeGreaterThan(-1);
      at = next;
    }
    expect(html).toContain(a.title);
    expect(html).toContain(a.source.name);
    expect(html).toMatch(/<time[^>]+datetime="\d{4}-\d{2}-\d{2}T/);
    expect(html).toContain('rel="canonical"');
    expect(html.match(/hreflang="/g)?.length).toBeGreaterThanOrEqual(4);
  });

  it('fills the four blocks from real articles, never the article itself', async () => {
    const a = (await firstArticle())[0]!;
    const html = (await get(a.url)).body;
    for (const id of ['related', 'featured', 'related-words', 'recommended']) {
      const block = html.slice(html.indexOf(`id="${id}"`));
      const section = block.slice(0, block.indexOf('</section>'));
      expect(section, id).toMatch(/<a [^>]*href="\/[^"]+"/);
      if (id !== 'related-words') expect(section, id).not.toContain(`href="${a.url}"`);
    }
  });

  it('redirects a wrong section or slug to the one canonical article URL', async () => {
    const a = (await firstArticle())[0]!;
    const res = await get(`/finance/${a.id}-old-slug.html`);
    if (a.url !== `/finance/${a.id}-old-slug.html`) {
      expect(res.statusCode).toBe(301);
      expect(res.headers.location).toBe(a.url);
    }
    const prefixed = await get(`/zh-tw/nowhere/${a.id}.html`);
    expect(prefixed.statusCode).toBe(301);
    expect(prefixed.headers.location).toBe(`/zh-tw${a.url}`);
  });

  it('serves section pages with sub-sections and tag, author and archive listings', async () => {
    const world = await get('/world/');
    expect(world.statusCode).toBe(200);
    expect(world.body).toContain('亞太');
    const a = (await firstArticle())[0]!;
    expect((await get(a.tags[0].url)).body).toContain(a.title);
    expect((await get(a.authors[0].url)).body).toContain(a.title);
    const d = new Date(a.publishedAt);
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Taipei', year: 'numeric', month: '2-digit' }).format(d).split('-');
    const archive = await get(`/archive/${month[0]}/${month[1]}/`);
    expect(archive.statusCode).toBe(200);
    expect(archive.body).toContain(a.title);
  });

  it('converts pages phrase by phrase into each variant', async () => {
    const all = JSON.parse((await get('/api/v1/articles?limit=100')).body).articles as any[];
    const simplified = all.find((a) => a.lang === 'zh-Hans' && a.bodyHtml.includes('杂志'));
    const html = (await get(`/zh-hant${simplified.url}`)).body;
    expect(html).toContain('雜誌');
    expect(html).not.toContain('雜志');
    const hans = (await get('/zh-hans/')).body;
    expect(hans).toContain('<html lang="zh-Hans"');
    expect(hans).toContain('国际');
    expect(hans).not.toContain('國際');
    expect((await get('/zh-cn/')).statusCode).toBe(404);
    // The demo's site dictionary protects the picture desk's name from Taiwan vocabulary (相簿).
    const tw = (await get(`/zh-tw${simplified.url}`)).body;
    expect(tw).toContain('焦點圖庫');
    expect(tw).not.toContain('相簿');
  });

  it('keeps article pages small and free of scripts that block rendering', async () => {
    for (const a of (await firstArticle()).slice(0, 10)) {
      const html = (await get(a.url)).body;
      expect(Buffer.byteLength(html), a.url).toBeLessThanOrEqual(60 * 1024);
      // JSON-LD is data, and an async or deferred script (the views beacon) never blocks rendering.
      expect(html).not.toMatch(/<script(?![^>]*(?:application\/ld\+json|\basync\b|\bdefer\b))[^>]*>/);
      // Nothing inline: a nonce-based Content-Security-Policy must be able to forbid it.
      expect(html).not.toMatch(/<script(?![^>]*(?:application\/ld\+json|\bsrc=))[^>]*>/);
    }
  });

  it('serves every page under each variant prefix with the right html lang', async () => {
    for (const [prefix, lang] of [['zh-hans', 'zh-Hans'], ['zh-hant', 'zh-Hant'], ['zh-tw', 'zh-TW'], ['zh-hk', 'zh-HK']]) {
      const res = await get(`/${prefix}/tech/`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(`<html lang="${lang}"`);
      expect(res.body).toContain(`href="/${prefix}/`);
      expect(res.body).not.toContain(`/${prefix}/${prefix}/`);
      const a = (await firstArticle())[0]!;
      const page = await get(`/${prefix}${a.url}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`href="/${prefix}${a.section.url}"`);
      expect(page.body).not.toMatch(/href="\/(?!zh-)[a-z-]+\/\d+\.html"/);
    }
  });

  it('finds articles from the search page and shows a helpful empty state', async () => {
    const a = (await firstArticle())[0]!;
    const word = a.title.slice(0, 2);
    const res = await get(`/search?q=${encodeURIComponent(word)}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(a.title);
    for (const q of ['', '%', '"', 'NEAR(', "' OR 1=1 --", 'x'.repeat(2000), '\u0000']) {
      const r = await get(`/search?q=${encodeURIComponent(q)}`);
      expect(r.statusCode, q.slice(0, 10)).toBe(200);
    }
  });
});

describe('bad input on pages', () => {
  it('answers unknown things with the 404 page, never 500', async () => {
    for (const url of ['/nope/', '/world/999999.html', '/world/abc.html', '/tag/nope', '/author/nope', '/archive/2026/13/', '/world/page/abc', '/world/page/999', '/zh-tw/nope/', '/a/b/c/d', '/%E0%A4%A']) {
      const res = await get(url);
      expect([400, 404], url).toContain(res.statusCode);
      if (res.statusCode === 404) expect(res.headers['content-type'], url).toContain('text/html');
    }
    const page = await get('/world/999999.html');
    expect(page.body).toContain('<html');
  });

  it('answers a withdrawn (archived) article with 410 Gone on the page and the API', async () => {
    const gone = await c.articles.create({ title: '已撤下的報道', section: 'tech', status: 'archived', publishedAt: '2026-01-01T00:00:00Z' });
    const page = await get(gone.url);
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('這篇文章已經下架');
    const api = await get(`/api/v1/articles/${gone.id}`);
    expect(api.statusCode).toBe(410);
    expect(JSON.parse(api.body).error.code).toBe('JD_ERR_CONTENT_ARTICLE_GONE');
  });

  it('rejects a malformed page number with 400', async () => {
    expect((await get('/tag/ai?page=abc')).statusCode).toBe(400);
    expect((await get('/tag/ai?page=-1')).statusCode).toBe(400);
  });

  it('leads the home page’s 精彩推薦 with the editors’ picks in their order', async () => {
    const old = await c.articles.create({ title: '編輯精選的舊報道', section: 'tech', flags: { featured: true }, status: 'published', publishedAt: '2019-05-01T08:00:00Z' });
    const older = await c.articles.create({ title: '編輯精選的更舊報道', section: 'tech', flags: { featured: true }, status: 'published', publishedAt: '2019-04-01T08:00:00Z' });
    await c.views.featured.place(older.id, { position: 0 });
    await c.views.featured.place(old.id, { position: 1 });
    const body = (await get('/')).body;
    const block = body.slice(body.indexOf('class="block featured"'), body.indexOf('</section>', body.indexOf('class="block featured"')));
    expect(block.indexOf(older.url)).toBeGreaterThan(-1);
    expect(block.indexOf(older.url)).toBeLessThan(block.indexOf(old.url));
  });

  it('addresses later pages of tag, author and month listings as paths, redirecting ?page=', async () => {
    const tag = '翻頁測試';
    const enc = encodeURIComponent(tag);
    for (let i = 0; i < 25; i++) {
      await c.articles.create({ title: `翻頁測試第${i + 1}篇`, section: 'tech', tags: [tag], status: 'published', publishedAt: `2020-03-${String(i + 1).padStart(2, '0')}T08:00:00Z` });
    }
    const second = await get(`/tag/${enc}/page/2`);
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain(`<link rel="canonical" href="http://localhost:3000/tag/${enc}/page/2"`.replace('http://localhost:3000', c.config.siteUrl.replace(/\/$/, '')));
    expect(second.body).toContain(`href="/tag/${enc}"`);
    expect((await get(`/tag/${enc}`)).body).toContain(`href="/tag/${enc}/page/2"`);
    for (const [from, to] of [
      [`/tag/${enc}?page=2`, `/tag/${enc}/page/2`],
      [`/zh-tw/tag/${enc}?page=2`, `/zh-tw/tag/${enc}/page/2`],
      [`/tag/${enc}/page/1`, `/tag/${enc}`],
      ['/archive/2020/03/?page=2', '/archive/2020/03/page/2'],
      ['/archive/2020/03/page/1', '/archive/2020/03/'],
    ]) {
      const res = await get(from!);
      expect(res.statusCode, from).toBe(301);
      expect(res.headers.location, from).toBe(to);
    }
    expect((await get('/archive/2020/03/page/2')).statusCode).toBe(200);
    for (const bad of [`/tag/${enc}/page/0`, `/tag/${enc}/page/x`, `/tag/${enc}/page/9`, '/archive/2020/13/page/2']) expect((await get(bad)).statusCode, bad).toBe(404);
  });
});

describe('content API', () => {
  it('lists articles with the contract fields and paging meta', async () => {
    const res = await get('/api/v1/articles?limit=5&page=2');
    expect(res.statusCode).toBe(200);
    const body = JSON.parse(res.body);
    expect(body.meta).toEqual({ page: 2, limit: 5, total: expect.any(Number) });
    expect(body.meta.total).toBeGreaterThanOrEqual(40);
    const a = body.articles[0];
    for (const k of ['id', 'url', 'title', 'subtitle', 'summary', 'bodyHtml', 'section', 'tags', 'authors', 'source', 'lang', 'publishedAt', 'updatedAt', 'cover']) expect(a).toHaveProperty(k);
    expect(a.source).toEqual({ name: expect.any(String), url: expect.any(String) });
  });

  it('filters by section (with sub-sections) and tag', async () => {
    const world = JSON.parse((await get('/api/v1/articles?section=world&limit=100')).body);
    expect(new Set(world.articles.map((a: any) => a.section.slug))).toEqual(new Set(['world', 'asia-pacific']));
    const tag = JSON.parse((await get('/api/v1/articles?tag=ai&limit=100')).body);
    expect(tag.articles.length).toBeGreaterThan(1);
    expect(tag.articles.every((a: any) => a.tags.some((t: any) => t.slug === 'ai'))).toBe(true);
  });

  it('returns one article and the section tree', async () => {
    const a = (await firstArticle())[0]!;
    const one = JSON.parse((await get(`/api/v1/articles/${a.id}`)).body);
    expect(one.article.id).toBe(a.id);
    expect(one.article.url).toBe(a.url);
    const sections = JSON.parse((await get('/api/v1/sections')).body).sections;
    expect(sections.map((s: any) => s.slug)).toEqual(['world', 'finance', 'tech', 'sports', 'society', 'culture']);
    expect(sections[0].children[0].slug).toBe('asia-pacific');
  });

  it('converts items with ?variant= and keeps the original script without it', async () => {
    const original = JSON.parse((await get('/api/v1/articles?limit=100')).body).articles as any[];
    const hant = original.find((a) => a.lang === 'zh-Hant' && /[們個這會時說與為]/.test(a.title + a.bodyHtml))!;
    const hans = JSON.parse((await get(`/api/v1/articles/${hant.id}?variant=zh-Hans`)).body).article;
    expect(hans.title).not.toBe(hant.title);
    expect(hans.bodyHtml + hans.title).not.toMatch(/[們個這會時說與為]/);
    expect(hans.url).toBe(hant.url);
    const sections = JSON.parse((await get('/api/v1/sections?variant=zh-Hans')).body).sections;
    expect(sections[0].name).toBe('国际');
    const bad = await get('/api/v1/articles?variant=zh-CN');
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body).error.fields.variant).toContain('zh-Hans, zh-Hant, zh-TW, zh-HK');
  });

  it('answers conditional requests with 304', async () => {
    const first = await get('/api/v1/sections');
    const again = await get('/api/v1/sections', { 'if-none-match': String(first.headers.etag) });
    expect(again.statusCode).toBe(304);
  });

  it('gives field-level 400s and JSON 404s', async () => {
    const bad = await get('/api/v1/articles?limit=1000&page=0');
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(JSON.parse(bad.body).error.fields)).toEqual(expect.arrayContaining(['limit', 'page']));
    const badId = await get('/api/v1/articles/abc');
    expect(badId.statusCode).toBe(400);
    expect(JSON.parse(badId.body).error.fields.id).toBeTruthy();
    const missing = await get('/api/v1/articles/999999');
    expect(missing.statusCode).toBe(404);
    expect(JSON.parse(missing.body).error.code).toBe('JD_ERR_CONTENT_ARTICLE_NOT_FOUND');
    expect((await get('/api/v1/articles?section=nope')).statusCode).toBe(404);
    expect((await get('/api/v1/nothing')).statusCode).toBe(404);
  });
});

describe('machines', () => {
  it('serves robots.txt, an RSS feed and media with safe headers', async () => {
    expect((await get('/robots.txt')).body).toContain('Disallow: /admin/');
    const feed = await get('/feed.xml');
    expect(feed.headers['content-type']).toContain('application/rss+xml');
    expect(feed.body).toContain('<rss version="2.0"');
    expect((await get('/tech/feed.xml')).statusCode).toBe(200);
    const a = (await firstArticle())[0]!;
    const img = await get(a.cover.url);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toContain('image/svg+xml');
    expect(img.headers['content-security-policy']).toContain("default-src 'none'");
    expect((await get('/media/../jiaodian.sqlite')).statusCode).toBe(404);
  });
});
