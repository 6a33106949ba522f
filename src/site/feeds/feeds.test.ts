import type { FastifyInstance } from 'fastify';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemoSite, type DemoSite } from '../../http/demo-site.testkit.js';
import type { Container } from '../../container.js';
import { VARIANTS, variantPrefix, type Variant } from '../../zh/variants.js';
import { jsonFeedProblems, parseFeed } from './feeds.testkit.js';

// Every feed of the demo newsroom, read the way feed readers read it.
let demo: DemoSite;
let c: Container;
let app: FastifyInstance;
let site: string;

beforeAll(async () => {
  demo = await openDemoSite({ 'site-url': 'https://news.example.com' });
  ({ c, app } = demo);
  site = c.config.siteUrl;
});
afterAll(async () => demo?.close());

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
const api = async (query: string) => JSON.parse((await get(`/api/v1/articles?limit=100&${query}`)).body).articles as Array<Record<string, any>>;
/** Where a variant's pages live: the default variant unprefixed, others under their prefix. */
const home = (v: Variant) => (v === c.config.defaultVariant ? site : `${site}/${variantPrefix(v)}`);
const mounts: Array<{ prefix: string; variant: Variant }> = [{ prefix: '', variant: 'zh-Hant' }, ...VARIANTS.map((v) => ({ prefix: `/${variantPrefix(v)}`, variant: v }))];
const scopes = ['', '/tech', '/tag/ai'];

describe('RSS 2.0 and Atom 1.0 in every variant', () => {
  for (const { prefix, variant } of mounts) {
    for (const scope of scopes) {
      it(`${prefix || '(unprefixed)'}${scope}: RSS parses with dates, authors, categories and absolute links in ${variant}`, async () => {
        const res = await get(`${prefix}${scope}/feed.xml`);
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
        const feed = await parseFeed(res.body);
        expect(feed.meta['#type']).toBe('rss');
        expect(feed.meta['#version']).toBe('2.0');
        expect(feed.meta.language).toBe(variant);
        expect(feed.meta.xmlurl).toBe(`${home(variant)}${scope}/feed.xml`);
        expect(feed.items.length).toBeGreaterThan(0);
        for (const item of feed.items) {
          expect(item.link.startsWith(`${home(variant)}/`), item.link).toBe(true);
          expect(item.guid).toBe(item.link);
          expect(item.pubdate).toBeInstanceOf(Date);
          expect(Number.isNaN(item.pubdate!.getTime())).toBe(false);
          expect(item.author).toBeTruthy();
          expect(item.categories.length).toBeGreaterThan(0);
        }
        expect(res.body).toMatch(/<pubDate>[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT<\/pubDate>/);
      });

      it(`${prefix || '(unprefixed)'}${scope}: Atom parses with ids, updated, authors and self/alternate links`, async () => {
        const res = await get(`${prefix}${scope}/atom.xml`);
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
        const feed = await parseFeed(res.body);
        expect(feed.meta['#type']).toBe('atom');
        expect(feed.meta.xmlurl).toBe(`${home(variant)}${scope}/atom.xml`);
        const doc = new XMLParser({ ignoreAttributes: false, isArray: (n) => ['entry', 'link', 'author', 'category'].includes(n) }).parse(res.body).feed;
        expect(doc['@_xml:lang']).toBe(variant);
        for (const k of ['id', 'title', 'updated']) expect(doc[k], k).toBeTruthy();
        expect(doc.link.map((l: any) => l['@_rel']).sort()).toEqual(['alternate', 'self']);
        for (const e of doc.entry) {
          for (const k of ['id', 'title', 'updated', 'published', 'summary', 'content']) expect(e[k], k).toBeTruthy();
          expect(e.content['@_type']).toBe('html');
          expect(e.link[0]['@_href']).toBe(e.id);
          expect(e.author[0].name).toBeTruthy();
        }
      });
    }
  }
});

describe('JSON Feed 1.1', () => {
  for (const { prefix, variant } of mounts) {
    it(`${prefix || '(unprefixed)'}: site, section and tag feeds have every required field`, async () => {
      for (const scope of scopes) {
        const res = await get(`${prefix}${scope}/feed.json`);
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe('application/feed+json; charset=utf-8');
        const doc = JSON.parse(res.body);
        expect(jsonFeedProblems(doc)).toEqual([]);
        expect(doc.feed_url).toBe(`${home(variant)}${scope}/feed.json`);
        expect(doc.language).toBe(variant);
        expect(doc.items.length).toBeGreaterThan(0);
        for (const i of doc.items) {
          expect(i.url.startsWith(`${home(variant)}/`)).toBe(true);
          expect(i.content_html).toBeTruthy();
          expect(i.authors.length).toBeGreaterThan(0);
          expect(i.language).toBe(variant);
        }
      }
    });
  }
});

describe('what feeds carry', () => {
  it('converts an article written in Traditional into Simplified, as the API does', async () => {
    const original = (await api('')).find((a) => a.lang === 'zh-Hant')!;
    const simplified = (await api('variant=zh-Hans')).find((a) => a.id === original.id)!;
    expect(simplified.title).not.toBe(original.title);
    const feed = JSON.parse((await get('/zh-hans/feed.json')).body);
    const item = feed.items.find((i: any) => i.id.endsWith(original.url))!;
    expect(item.title).toBe(simplified.title);
    // No character that Simplified writes differently survives in the Simplified feed.
    const traditionalOnly = [...original.title].filter((ch, n) => ch !== [...simplified.title][n]);
    for (const ch of traditionalOnly) expect(item.title).not.toContain(ch);
    expect(item.content_html).toContain(simplified.bodyHtml.slice(3, 40));
    expect(item.authors.map((p: any) => p.name)).toEqual(simplified.authors.map((p: any) => p.name));
    expect(item.tags[0]).toBe(simplified.section.name);
  });

  it('converts a Simplified article into Taiwan vocabulary in the zh-TW RSS feed', async () => {
    const original = (await api('')).find((a) => a.lang === 'zh-Hans')!;
    const tw = (await api('variant=zh-TW')).find((a) => a.id === original.id)!;
    const feed = await parseFeed((await get('/zh-tw/feed.xml')).body);
    const item = feed.items.find((i) => i.link === `${site}/zh-tw${original.url}`)!;
    expect(item.title).toBe(tw.title);
    expect(item.author).toBe(tw.authors.map((p: any) => p.name).join(', '));
  });

  it('gives a section feed its sub-sections and a tag feed exactly its tagged articles', async () => {
    const world = JSON.parse((await get('/world/feed.json')).body);
    const inWorld = (await api('section=world')).map((a) => `${site}${a.url}`);
    expect(world.items.map((i: any) => i.id).sort()).toEqual(inWorld.sort());
    expect(world.items.some((i: any) => i.url.includes('/asia-pacific/'))).toBe(true);
    const tag = JSON.parse((await get('/tag/ai/feed.json')).body);
    expect(tag.items.map((i: any) => i.id).sort()).toEqual((await api('tag=ai')).map((a) => `${site}${a.url}`).sort());
  });

  it('makes image and link URLs in full text absolute', async () => {
    const feed = JSON.parse((await get('/zh-hk/feed.json')).body);
    const withImage = feed.items.find((i: any) => i.content_html.includes('<img'))!;
    expect(withImage.content_html).toContain(`src="${site}/media/`);
    expect(withImage.content_html).not.toMatch(/(src|href)="\/(?!\/)/);
  });
});

describe('bad input and caching', () => {
  it('answers 404 for feeds of unknown sections and tags, in every variant', async () => {
    for (const prefix of ['', '/zh-tw']) {
      for (const file of ['feed.xml', 'atom.xml', 'feed.json']) {
        const section = await get(`${prefix}/no-such-section/${file}`, { accept: 'application/rss+xml' });
        expect(section.statusCode).toBe(404);
        expect(JSON.parse(section.body).error.code).toBe('JD_ERR_CONTENT_SECTION_NOT_FOUND');
        const tag = await get(`${prefix}/tag/no-such-tag/${file}`, { accept: 'application/json' });
        expect(tag.statusCode).toBe(404);
        expect(JSON.parse(tag.body).error.code).toBe('JD_ERR_CONTENT_TAG_NOT_FOUND');
      }
    }
    expect((await get('/zh-xx/feed.xml')).statusCode).toBe(404);
  });

  it('sends Cache-Control and an ETag, and 304 when the reader has it', async () => {
    const first = await get('/tech/atom.xml');
    expect(first.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[^"]+"$/);
    const again = await get('/tech/atom.xml', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect((await get('/tech/atom.xml', { 'if-none-match': `"other", W/${etag}` })).statusCode).toBe(304);
    expect((await get('/tech/atom.xml', { 'if-none-match': '"other"' })).statusCode).toBe(200);
    // The default variant under its prefix is the same document, with the same canonical links.
    expect((await get('/zh-hant/tech/atom.xml')).headers.etag).toBe(etag);
  });
});

describe('summary-only feeds', () => {
  let summary: DemoSite;
  let app2: FastifyInstance;
  beforeAll(async () => {
    summary = await openDemoSite({ 'feed-content': 'summary' });
    app2 = summary.app;
  });
  afterAll(async () => summary?.close());

  it('carries summaries and no bodies in all three formats when feedContent is summary', async () => {
    const rss = (await app2.inject({ url: '/feed.xml' })).body;
    expect(rss).not.toContain('<content:encoded>');
    const rssFeed = await parseFeed(rss);
    expect(rssFeed.items[0]!.description).toBeTruthy();
    const atom = (await app2.inject({ url: '/zh-hans/atom.xml' })).body;
    await parseFeed(atom);
    expect(atom).not.toContain('<content');
    expect(atom).toContain('<summary type="text">');
    const json = JSON.parse((await app2.inject({ url: '/tech/feed.json' })).body);
    expect(jsonFeedProblems(json)).toEqual([]);
    for (const i of json.items) {
      expect(i.content_html).toBeUndefined();
      expect(i.content_text).toBe(i.summary);
    }
  });
});
