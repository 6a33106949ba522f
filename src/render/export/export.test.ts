import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../config/index.js';
import { createContainer, type Container } from '../../container.js';
import { openSqlite } from '../../db/index.js';
import { loadDemo } from '../../demo/load.js';
import { buildServer } from '../../http/server.js';
import { buildStaticSite, noonOf } from './build-site.js';
import { fileForUrl } from './paths.js';
import { MANIFEST, readManifest } from './writer.js';

// The demo newsroom exported, compared with what the server answers, served by a plain static
// file server (@fastify/static, none of Jiaodian's routes), then rebuilt incrementally.
let dir: string;
let out: string;
let c: Container;
let app: FastifyInstance;
let statics: FastifyInstance;
const now = new Date();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jd-export-'));
  out = join(dir, 'site');
  c = await createContainer(testConfig({ data: dir, 'site-url': 'https://news.example.com' }), { db: openSqlite(':memory:') });
  await loadDemo(c);
  // A tag whose slug is Chinese, as tags created from Chinese names get: its URL is percent-encoded.
  await c.tags.define('颱風', '颱風', now.toISOString());
  // A tag and a month with more than one listing page.
  for (let i = 0; i < 22; i++) {
    await c.articles.create({ title: `分頁測試第${i + 1}篇`, section: 'tech', tags: [PAGED_TAG], status: 'published', publishedAt: `2019-06-${String(i + 1).padStart(2, '0')}T08:00:00Z` });
  }
  app = await buildServer(c);
  await buildStaticSite(c, { out, now });
  statics = Fastify();
  await statics.register(fastifyStatic, { root: out, redirect: true, index: ['index.html'] });
}, 180_000);
afterAll(async () => {
  await statics?.close();
  await app?.close();
  await c?.close();
  rmSync(dir, { recursive: true, force: true });
});

const PREFIXES = ['', '/zh-hans', '/zh-hant', '/zh-tw', '/zh-hk'];
const PAGED_TAG = '分頁測試';
// The server adds the views beacon to article pages; a static export has no endpoint for it.
const withoutBeacon = (html: string) => html.replace(/<script src="\/assets\/views\.js[^>]*><\/script><noscript><img class="views-pixel"[^>]*\/?><\/noscript>/, '');
// The header's date carries the instant of rendering (to the millisecond); the day shown is compared.
const sameInstant = (html: string) => html.replace(/(<p class="site-date"><time datetime=")[^"]*"/, '$1…"');
const file = (url: string, page = true) => sameInstant(readFileSync(join(out, fileForUrl(url, { page })!), 'utf8'));
const served = async (url: string) => {
  const res = await app.inject({ url });
  expect(res.statusCode, url).toBe(200);
  return sameInstant(res.body);
};
async function articleUrls(): Promise<string[]> {
  const body = JSON.parse((await app.inject({ url: '/api/v1/articles?limit=100' })).body) as { articles: Array<{ url: string }> };
  return body.articles.map((a) => new URL(a.url, 'https://x').pathname);
}

describe('noonOf', () => {
  it('is noon of the day in the site time zone', () => {
    // 20:00 UTC is already the next day in Taipei (UTC+8).
    expect(noonOf('2026-11-27T20:00:00Z', 'Asia/Taipei').toISOString()).toBe('2026-11-28T04:00:00.000Z');
    // Across a daylight-saving change in the month it may be an hour off noon, never off the day.
    const ny = noonOf('2026-11-27T01:00:00Z', 'America/New_York');
    const local = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' }).format(ny);
    expect(local).toMatch(/^2026-11-26, 1[123]$/);
  });
});

describe('jiaodian build', () => {
  it('writes each page as the server renders it, in every variant', async () => {
    const [first, second] = await articleUrls();
    for (const p of PREFIXES) {
      for (const url of [first!, second!]) expect(file(p + url), p + url).toBe(withoutBeacon(await served(p + url)));
      expect(file(`${p}/`)).toBe(await served(`${p}/`));
      expect(file(`${p}/tech/`)).toBe(await served(`${p}/tech/`));
      expect(file(`${p}/feed.xml`, false)).toBe(await served(`${p}/feed.xml`));
    }
    const tag = (await c.tags.list(1, 1)).items[0]!;
    expect(file(tag.url)).toBe(await served(tag.url));
    // Later listing pages are files of their own, as the server renders them.
    const paged = encodeURIComponent(PAGED_TAG);
    for (const url of [`/tag/${paged}/page/2`, `/zh-tw/tag/${paged}/page/2`, '/archive/2019/06/page/2', '/zh-hk/archive/2019/06/page/2']) expect(file(url), url).toBe(await served(url));
    expect(existsSync(join(out, fileForUrl(`/tag/${paged}/page/3`, { page: true })!))).toBe(false);
    expect(file('/sitemap.xml', false)).toBe(await served('/sitemap.xml'));
    expect(file('/robots.txt', false)).toBe(await served('/robots.txt'));
    expect(readFileSync(join(out, 'assets/site.css'))).toEqual((await app.inject({ url: '/assets/site.css' })).rawPayload);
    expect(existsSync(join(out, '404.html'))).toBe(true);
    expect(readManifest(out)?.files['index.html']).toBeTruthy();
  });

  it('carries no script but the site’s own /assets/ files', () => {
    const manifest = readManifest(out)!;
    for (const f of Object.keys(manifest.files).filter((n) => n.endsWith('.html'))) {
      const html = readFileSync(join(out, f), 'utf8');
      for (const m of html.matchAll(/<script\b([^>]*)>/g)) {
        const src = /src="([^"]*)"/.exec(m[1]!)?.[1];
        // JSON-LD is data, not code; any other script must be an /assets/ file.
        if (/type="application\/ld\+json"/.test(m[1]!)) continue;
        expect(src, `${f}: ${m[0]}`).toMatch(/^\/assets\//);
      }
    }
  });

  it('is served at the same URLs by a plain static file server', async () => {
    const [article] = await articleUrls();
    const tag = (await c.tags.list(1, 50)).items.find((t) => /[\u4e00-\u9fff]/.test(decodeURIComponent(t.slug)))!;
    expect(tag, 'the demo has a tag with a Chinese slug').toBeTruthy();
    const get = async (url: string) => {
      let res = await statics.inject({ url });
      // Static servers answer a folder without its slash with a redirect to it.
      if (res.statusCode === 301 || res.statusCode === 302) res = await statics.inject({ url: res.headers.location as string });
      expect(res.statusCode, url).toBe(200);
      return res;
    };
    const pages: string[] = [];
    for (const p of PREFIXES) {
      for (const url of [`${p}/`, `${p}/tech/`, `${p}${article}`, `${p}${tag.url}`, `${p}/search`, `${p}/tag/${encodeURIComponent(PAGED_TAG)}`]) {
        const res = await get(url);
        expect(res.headers['content-type'], url).toMatch(/^text\/html/);
        pages.push(res.body);
      }
    }
    expect((await get(`/tag/${decodeURIComponent(tag.slug)}`)).headers['content-type']).toMatch(/^text\/html/);
    expect((await get('/feed.xml')).headers['content-type']).toMatch(/xml/);
    expect((await get('/zh-tw/feed.json')).headers['content-type']).toMatch(/json/);
    expect((await get('/sitemap.xml')).headers['content-type']).toMatch(/xml/);

    // Every internal link of these pages leads to a file of the export.
    const missing = new Set<string>();
    for (const html of pages) {
      for (const m of html.matchAll(/\b(?:href|src)="(\/[^"#]*)"/g)) {
        const url = m[1]!.replace(/&amp;/g, '&');
        if (url.startsWith('//')) continue;
        const f = fileForUrl(url);
        if (!f || !existsSync(join(out, f))) missing.add(url);
      }
    }
    expect([...missing]).toEqual([]);
  });

  it('rewrites only what an edit changed, and removes unpublished articles', async () => {
    const before = readManifest(out)!;
    const stamp = (f: string) => statSync(join(out, f)).mtimeMs;
    const oldTimes = new Map(Object.keys(before.files).map((f) => [f, stamp(f)]));
    const oldHtml = new Map(Object.keys(before.files).filter((f) => f.endsWith('.html')).map((f) => [f, readFileSync(join(out, f), 'utf8')]));
    const [editedUrl, gone] = await articleUrls();
    const edited = await c.site.reader.published(Number(/\/(\d+)[^/]*\.html$/.exec(editedUrl!)![1]));
    const goneId = Number(/\/(\d+)[^/]*\.html$/.exec(gone!)![1]);
    await c.articles.update(edited.id, edited.version, {
      title: `${edited.title}（更新）`,
      subtitle: edited.subtitle,
      summary: edited.summary,
      bodyHtml: edited.bodyHtml,
      slug: edited.slug,
      section: edited.section.slug,
      tags: edited.tags.map((t) => decodeURIComponent(t.slug)),
      authors: edited.authors.map((a) => a.slug),
      source: edited.source,
      lang: edited.lang,
      status: 'published',
      flags: edited.flags,
      publishedAt: edited.publishedAt,
    });
    const goneView = await c.site.reader.published(goneId);
    await c.db.kysely.updateTable('articles').set({ status: 'draft', version: goneView.version + 1 }).where('id', '=', goneId).execute();
    await c.events.emit({ type: 'article.saved', articleId: goneId, status: 'draft' } as never);
    await c.related.service.recomputeList(edited.id);
    await new Promise((r) => setTimeout(r, 20));

    const r = await buildStaticSite(c, { out, now, incremental: true });
    const after = readManifest(out)!;
    expect(r.kept).toBeGreaterThan(0);
    expect(r.removed).toBeGreaterThanOrEqual(5);
    for (const p of PREFIXES) expect(existsSync(join(out, fileForUrl(p + gone!)!))).toBe(false);
    for (const p of PREFIXES) expect(stamp(fileForUrl(p + editedUrl!)!)).not.toBe(oldTimes.get(fileForUrl(p + editedUrl!)!));
    // Pages that never showed either article are the very same files as before.
    const marks = [`/${edited.id}-`, `/${edited.id}.html`, `/${goneId}-`, `/${goneId}.html`];
    let untouched = 0;
    for (const [f, html] of oldHtml) {
      // A later page of a listing shifts when an article before it goes: it changes without showing it.
      if (!after.files[f] || marks.some((m) => html.includes(m)) || /\/page\/\d+\//.test(f)) continue;
      const now2 = readFileSync(join(out, f), 'utf8');
      if (marks.some((m) => now2.includes(m))) continue;
      expect(now2, f).toBe(html);
      expect(stamp(f), f).toBe(oldTimes.get(f));
      untouched++;
    }
    expect(untouched).toBeGreaterThan(50);
    expect(r.written).toBeLessThan(Object.keys(after.files).length / 2);
  }, 180_000);

  it('refuses to replace a folder that is not an export', async () => {
    await expect(buildStaticSite(c, { out: dir })).rejects.toMatchObject({ code: 'JD_ERR_EXPORT_NOT_AN_EXPORT' });
    expect(existsSync(join(dir, MANIFEST))).toBe(false);
  });
});
