import { connect, type AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ArticleView } from '../../content/views.js';
import { inEveryVariant, startCachedSite, type CachedSite } from './cache.testkit.js';

// The page cache as readers and CDNs meet it: on a listening server, since hits are answered
// before Fastify (inject never reaches them).
let site: CachedSite;
let articles: ArticleView[];

beforeAll(async () => {
  site = await startCachedSite();
  articles = (await site.c.site.reader.list({}, 1, 50)).items as ArticleView[];
});
afterAll(async () => site?.close());

const ignored = new Set(['date', 'x-cache', 'connection', 'keep-alive']);
const comparable = (h: Record<string, unknown>) => Object.fromEntries(Object.entries(h).filter(([k]) => !ignored.has(k)));

describe('a cached page', () => {
  it('is rendered once, then served with the same bytes and headers', async () => {
    const url = articles[3]!.url;
    const miss = await site.get(url);
    const hit = await site.get(url);
    expect(miss.status).toBe(200);
    expect([miss.headers['x-cache'], hit.headers['x-cache']]).toEqual(['MISS', 'HIT']);
    expect(hit.body.equals(miss.body)).toBe(true);
    expect(comparable(hit.headers)).toEqual(comparable(miss.headers));
    expect(hit.headers['cache-control']).toBe('public, max-age=60, s-maxage=300, stale-while-revalidate=60');
    expect(hit.headers['content-security-policy']).toContain("default-src 'self'");
    expect(String(hit.headers['surrogate-key']).split(' ')).toContain(`article:${articles[3]!.id}`);
    expect(String(hit.headers['cache-tag']).split(',')).toContain(`article:${articles[3]!.id}`);
  });

  it('is stored precompressed: gzip and brotli decode to the same HTML', async () => {
    const url = articles[4]!.url;
    const plain = await site.get(url);
    const gz = await site.get(url, { 'accept-encoding': 'gzip' });
    const br = await site.get(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect([gz.headers['content-encoding'], br.headers['content-encoding'], plain.headers['content-encoding']]).toEqual(['gzip', 'br', undefined]);
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(br.body.length).toBeLessThan(plain.body.length / 2);
    for (const r of [plain, gz, br]) expect(r.headers.vary).toBe('Accept-Encoding');
    // A miss answers in the encoding asked for, exactly as the hits after it.
    const first = await site.get(articles[5]!.url, { 'accept-encoding': 'br' });
    const again = await site.get(articles[5]!.url, { 'accept-encoding': 'br' });
    expect(first.headers['x-cache']).toBe('MISS');
    expect(again.body.equals(first.body)).toBe(true);
    expect(comparable(again.headers)).toEqual(comparable(first.headers));
  });

  it('compresses a stored page only for the encodings clients ask for, once each', async () => {
    const url = articles[6]!.url;
    const plain = await site.get(url);
    const stored = site.c.pageCaching.cache.get(url)!;
    // A page asked for once, by a client taking no compression (a crawler): nothing compressed.
    expect([stored.bodies.gzip, stored.bodies.br]).toEqual([undefined, undefined]);
    const bytes = site.c.pageCaching.cache.stats().bytes;
    // Many browsers at once: one brotli body, counted once, served to all of them.
    const many = await Promise.all(Array.from({ length: 5 }, () => site.get(url, { 'accept-encoding': 'br' })));
    for (const r of many) {
      expect([r.status, r.headers['x-cache'], r.headers['content-encoding']]).toEqual([200, 'HIT', 'br']);
      expect(brotliDecompressSync(r.body).equals(plain.body)).toBe(true);
    }
    expect(site.c.pageCaching.cache.get(url)).toBe(stored);
    expect(stored.bodies.gzip).toBeUndefined();
    expect(site.c.pageCaching.cache.stats().bytes).toBe(bytes + stored.bodies.br!.length);
  });

  it('answers 304 to a matching If-None-Match, and HEAD without a body', async () => {
    const url = articles[3]!.url;
    const full = await site.get(url, { 'accept-encoding': 'gzip' });
    const etag = String(full.headers.etag);
    expect(etag).toMatch(/^"[^"]+"$/);
    const again = await site.get(url, { 'if-none-match': `"other", ${etag}`, 'accept-encoding': 'gzip' });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect((await site.get(url, { 'if-none-match': '"other"' })).status).toBe(200);
    const head = await site.get(url, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers['content-length']).toBe(String((await site.get(url)).body.length));
  });

  it('answers every request on a kept-alive connection, and GETs that send a body', async () => {
    const url = articles[7]!.url;
    await site.get(url);
    const port = (site.app.server.address() as AddressInfo).port;
    // Status lines follow the previous body directly, which need not end in a line break.
    const statuses = (answer: string) => [...answer.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => m[1]);
    // Pipelined on one connection: each hit leaves the connection ready for the next request.
    const pipelined = await exchange(port, [`GET ${url}`, `HEAD ${url}`, `GET ${url}`, `GET /no-such-page`].map((line) => `${line} HTTP/1.1\r\nHost: t\r\n\r\n`).join('') + `GET ${url} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n`);
    expect(statuses(pipelined)).toEqual(['200', '200', '200', '404', '200']);
    expect(pipelined.match(/\r\nx-cache: HIT\r\n/g)).toHaveLength(4);
    // Bodies past the stream's buffer limit are drained by Node: left unread, they would stall
    // the request after them on the same connection.
    const large = 'x'.repeat(256 * 1024);
    const chunk = 'y'.repeat(64 * 1024);
    for (const request of [
      `GET ${url} HTTP/1.1\r\nHost: t\r\nContent-Length: ${large.length}\r\n\r\n${large}`,
      `GET ${url} HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n${chunk.length.toString(16)}\r\n${chunk}\r\n0\r\n\r\n`,
    ]) {
      const answer = await exchange(port, `${request}GET ${url} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n`);
      expect(statuses(answer)).toEqual(['200', '200']);
      expect(answer.match(/\r\nx-cache: HIT\r\n/g)).toHaveLength(2);
    }
  });

  it('stores a feed polled with If-None-Match, answering 304 when the reader has it', async () => {
    const first = await site.get('/zh-hk/feed.json', { 'if-none-match': '"old"' });
    expect([first.status, first.headers['x-cache']]).toEqual([200, 'MISS']);
    site.c.pageCaching.purge(['feed']);
    // Rendered again on a poll that already holds it: stored, and 304 all the same.
    const poll = await site.get('/zh-hk/feed.json', { 'if-none-match': String(first!.headers.etag) });
    expect([poll.status, poll.body.length]).toEqual([304, 0]);
    expect(site.c.pageCaching.cache.get('/zh-hk/feed.json')?.invalid).toBe(false);
    // Not in the cache at all (evicted): Fastify renders it, it is stored, and the answer is still 304.
    site.c.pageCaching.cache.delete('/zh-hk/feed.json');
    const evicted = await site.get('/zh-hk/feed.json', { 'if-none-match': String(first!.headers.etag) });
    expect([evicted.status, evicted.headers['x-cache'], evicted.body.length]).toEqual([304, 'MISS', 0]);
    expect(site.c.pageCaching.cache.get('/zh-hk/feed.json')?.invalid).toBe(false);
  });

  it('caches feeds, sitemaps, robots.txt and every variant of a page separately', async () => {
    for (const url of ['/feed.xml', '/zh-hans/atom.xml', '/sitemap.xml', '/robots.txt', ...inEveryVariant('/')]) {
      await site.get(url);
      const hit = await site.get(url);
      expect([url, hit.status, hit.headers['x-cache']]).toEqual([url, 200, 'HIT']);
    }
    const hans = await site.get('/zh-hans/');
    const hant = await site.get('/zh-hant/');
    expect(hans.body.equals(hant.body)).toBe(false);
  });

  it('keeps a missing page briefly, tagged so that a publish purges it', async () => {
    await site.get('/nothing/here');
    const again = await site.get('/nothing/here');
    expect([again.status, again.headers['x-cache']]).toEqual([404, 'HIT']);
    // It lists the newest articles: their cards are among its tags.
    expect(String(again.headers['surrogate-key']).split(' ')).toEqual(expect.arrayContaining(['notfound', `card:${articles[0]!.id}`]));
    expect(site.c.pageCaching.cache.get('/nothing/here')!.freshUntil - Date.now()).toBeLessThanOrEqual(30_000);
    // A client asking for JSON gets a JSON error, which a browser must never be given from the cache.
    const json = await site.get('/nothing/json', { accept: 'application/json' });
    expect([json.status, json.headers['content-type']]).toEqual([404, 'application/json; charset=utf-8']);
    expect(site.c.pageCaching.cache.get('/nothing/json')).toBeUndefined();
  });

  it('never serves or stores signed-in requests, writes, unknown queries or searches', async () => {
    const url = articles[3]!.url;
    await site.get(url);
    const signedIn = await site.get(url, { cookie: 'theme=dark; jd_session=abc' });
    expect(signedIn.headers['x-cache']).toBeUndefined();
    expect((await site.get(url, { authorization: 'Bearer jd_x' })).headers['x-cache']).toBeUndefined();
    expect((await site.get(url, { cookie: 'theme=dark' })).headers['x-cache']).toBe('HIT');
    for (let i = 0; i < 2; i++) {
      expect((await site.get('/?utm_source=x')).headers['x-cache']).toBeUndefined();
      expect((await site.get('/search?q=%E9%A6%99%E6%B8%AF')).headers['x-cache']).toBeUndefined();
    }
    expect(site.c.pageCaching.cache.get('/?utm_source=x')).toBeUndefined();
    expect((await site.get('/', {}, 'POST')).headers['x-cache']).toBeUndefined();
    // A listing's own query parameter is part of its key.
    const tag = articles[0]!.tags[0]!.slug;
    await site.get(`/tag/${tag}?page=1`);
    expect((await site.get(`/tag/${tag}?page=1`)).headers['x-cache']).toBe('HIT');
  });

  it('renders a page once for a burst of requests that miss together', async () => {
    const url = articles[8]!.url;
    site.c.pageCaching.cache.delete(url);
    const reader = site.c.site.reader;
    const original = reader.published.bind(reader);
    let renders = 0;
    reader.published = async (...args: Parameters<typeof original>) => {
      renders++;
      // A slow render: every request of the burst arrives while it runs.
      await new Promise((r) => setTimeout(r, 100));
      return original(...args);
    };
    try {
      const burst = await Promise.all(Array.from({ length: 8 }, (_, i) => site.get(url, i % 2 ? { 'accept-encoding': 'br' } : {})));
      expect(renders).toBe(1);
      expect(burst.map((r) => r.status)).toEqual(Array(8).fill(200));
      expect(burst.filter((r) => r.headers['x-cache'] === 'MISS')).toHaveLength(1);
      const plain = burst.filter((r) => r.headers['content-encoding'] === undefined);
      for (const r of plain) expect(r.body.equals(plain[0]!.body)).toBe(true);
      // When the first answer stores nothing (a JSON error), a waiter gets its own answer from Fastify.
      const json = await Promise.all([1, 2].map(() => site.get('/nothing/at/all', { accept: 'application/json' })));
      expect(json.map((r) => [r.status, r.headers['content-type']])).toEqual(Array(2).fill([404, 'application/json; charset=utf-8']));
    } finally {
      reader.published = original;
    }
  });

  it('serves a page past its TTL stale, within stale-while-revalidate, while rendering it again', async () => {
    const url = articles[7]!.url;
    await site.get(url);
    const old = site.c.pageCaching.cache.get(url)!;
    Object.assign(old, { freshUntil: Date.now() - 1 });
    const stale = await site.get(url);
    expect([stale.status, stale.headers['x-cache']]).toEqual([200, 'STALE']);
    await vi.waitFor(() => expect(site.c.pageCaching.cache.get(url)).not.toBe(old));
    expect((await site.get(url)).headers['x-cache']).toBe('HIT');
  });

  it('serves the last good copy when rendering it again fails', async () => {
    const url = articles[6]!.url;
    await site.get(url);
    const good = await site.get(url);
    expect(good.headers['x-cache']).toBe('HIT');
    const reader = site.c.site.reader;
    const original = reader.published.bind(reader);
    reader.published = async () => {
      throw new Error('database on fire');
    };
    try {
      site.c.pageCaching.purge([`article:${articles[6]!.id}`]);
      const during = await site.get(url);
      expect([during.status, during.headers['x-cache']]).toEqual([200, 'STALE']);
      expect(during.body.equals(good.body)).toBe(true);
    } finally {
      reader.published = original;
    }
  });
});

describe('a full page cache', () => {
  let small: CachedSite;
  beforeAll(async () => {
    small = await startCachedSite({ flags: { 'page-cache-max-mb': '1' } });
  });
  afterAll(async () => small?.close());

  it('stores a page asked for once only while it has room, and answers it with the same headers either way', async () => {
    const all = (await small.c.site.reader.list({}, 1, 100)).items as ArticleView[];
    const pages = all.flatMap((a) => inEveryVariant(a.url));
    const cache = small.c.pageCaching.cache;
    // Fill it: pages asked for once are stored until the next would evict another.
    let i = 0;
    for (; i < pages.length; i++) {
      await small.get(pages[i]!);
      if (cache.get(pages[i]!) === undefined) break;
    }
    expect(i).toBeGreaterThan(0);
    expect(i).toBeLessThan(pages.length - 1);
    const before = cache.stats();
    const url = pages[i + 1]!;
    // Asked for once while full: rendered and answered in full, not stored, nothing evicted;
    // sent as rendered, not compressed for one reader, with the headers a stored page has.
    const once = await small.get(url, { 'accept-encoding': 'gzip, br' });
    expect([once.status, once.headers['x-cache'], once.headers['content-encoding']]).toEqual([200, 'MISS', undefined]);
    expect(once.headers['cache-control']).toMatch(/s-maxage=\d+/);
    expect(String(once.headers['surrogate-key'])).toMatch(/article:\d+/);
    expect(once.headers.etag).toBeDefined();
    expect(cache.get(url)).toBeUndefined();
    expect(cache.stats().entries).toBe(before.entries);
    // Asked for again: stored, and served from the cache after that.
    const twice = await small.get(url, { 'accept-encoding': 'br' });
    expect([twice.headers['x-cache'], twice.headers['content-encoding']]).toEqual(['MISS', 'br']);
    expect(cache.get(url)).toBeDefined();
    expect((await small.get(url, { 'accept-encoding': 'br' })).headers['x-cache']).toBe('HIT');
  });

  it('gives a page it did not store the same ETag on every render, so a browser revalidating it gets 304', async () => {
    const cache = small.c.pageCaching.cache;
    const all = (await small.c.site.reader.list({}, 1, 100)).items as ArticleView[];
    // Pages never asked for yet, until one is answered without being stored (the cache is full).
    let url = '';
    let first: Awaited<ReturnType<typeof small.get>> | undefined;
    for (const page of all.flatMap((a) => inEveryVariant(a.url)).reverse()) {
      if (cache.get(page) !== undefined) continue;
      first = await small.get(page, { 'accept-encoding': 'identity' });
      if (cache.get(page) === undefined) {
        url = page;
        break;
      }
    }
    expect(url).not.toBe('');
    expect([first!.status, first!.headers['x-cache']]).toEqual([200, 'MISS']);
    // Rendered again a moment later (the masthead shows the date of each render).
    await new Promise((r) => setTimeout(r, 5));
    const again = await small.get(url, { 'accept-encoding': 'identity', 'if-none-match': String(first!.headers.etag) });
    expect(again.status).toBe(304);
  });
});

/** Writes `bytes` on one connection and reads until the server closes it (rejects after 5 s): the last request should say `Connection: close`. */
function exchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no close after 5 s; got ${Buffer.concat(chunks).toString('latin1').match(/HTTP\/1\.1 \d{3} /g)?.length ?? 0} answers`));
    }, 5000);
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('error', reject);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('latin1'));
    });
  });
}
