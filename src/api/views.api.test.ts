import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../db/dialects.testkit.js';
import { buildServer } from '../http/server.js';
import { BROWSER, sid, viewsFixture, type ViewsFixture } from '../recommend/views.testkit.js';

// The beacon over HTTP: 204 for anything well-formed (unknown ids too), 400 with field messages
// for malformed or mistyped input, 413 for oversized bodies, and never a 500.
for (const dialect of testDialects()) {
  describe.skipIf(dialect.skip)(`views beacon over HTTP on ${dialect.name}`, () => {
    let f: ViewsFixture;
    let app: FastifyInstance;
    let address = 0;
    const id = (key: string) => f.ids.get(key)!;
    const total = async (key: string) => {
      await f.c.views.ingest.flush();
      return (await f.c.views.service.counts(id(key))).total;
    };
    /** Each call comes from a new address unless one is given, so rate limits stay out of the way. */
    const post = (payload: unknown, headers: Record<string, string> = {}, from = `203.0.113.${++address}`) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/views',
        remoteAddress: from,
        headers: { 'user-agent': BROWSER, 'content-type': 'text/plain;charset=UTF-8', ...headers },
        payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
      } as InjectOptions);

    beforeAll(async () => {
      f = await viewsFixture(dialect, [
        ['a', 'world'],
        ['b', 'tech'],
        ['c', 'sports'],
      ]);
      app = await buildServer(f.c);
    });
    afterAll(async () => {
      await app?.close();
      await f?.close();
    });

    it('answers 204 to a beacon from sendBeacon (text/plain) or fetch (JSON) and counts it', async () => {
      const res = await post({ a: id('a'), s: sid(1) });
      expect(res.statusCode).toBe(204);
      expect(res.body).toBe('');
      expect(res.headers['cache-control']).toBe('no-store');
      expect((await post({ a: id('a'), s: sid(2) }, { 'content-type': 'application/json' })).statusCode).toBe(204);
      expect(await total('a')).toBe(2);
    });

    it('answers 204 to unknown and unpublished ids and counts nothing', async () => {
      expect((await post({ a: 987_654 })).statusCode).toBe(204);
      expect((await post({ a: id('draft') })).statusCode).toBe(204);
      expect(await total('draft')).toBe(0);
    });

    it('answers 400 with field messages to bad JSON and wrong types', async () => {
      const badJson = await post('{"a": 1,');
      expect(badJson.statusCode).toBe(400);
      expect(badJson.json().error.code).toBe('JD_ERR_HTTP_BAD_REQUEST');
      expect((await post('{"a": 1,', { 'content-type': 'application/json' })).statusCode).toBe(400);
      const wrong = await post({ a: 'seven', s: 'not a session id!' });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error).toMatchObject({ code: 'JD_ERR_VALIDATION', fields: { a: expect.stringContaining('article id'), s: expect.stringContaining('session id') } });
      for (const body of ['null', '[]', '42', '""', '{}', '{"a":-1}', '{"a":1.5}', '{"a":1e40}']) {
        const res = await post(body);
        expect(res.statusCode, body).toBe(400);
      }
      expect((await post('')).statusCode).toBe(400);
    });

    it('answers 413 to a huge body without reading it', async () => {
      const huge = JSON.stringify({ a: id('a'), pad: 'x'.repeat(100_000) });
      for (const type of ['text/plain', 'application/json']) {
        const res = await post(huge, { 'content-type': type });
        expect(res.statusCode).toBe(413);
        expect(res.json().error.code).toBe('JD_ERR_HTTP_BODY_TOO_LARGE');
      }
    });

    it('never answers 500, whatever arrives', async () => {
      const odd = ['\u0000', '{"a":{"$gt":1}}', '{"__proto__":{"a":1}}', '{"a":1,"s":null}', 'a=1', '\ud800', '{"a":1}'.repeat(50)];
      const types = ['text/plain', 'application/json', 'application/x-www-form-urlencoded', 'image/gif', 'multipart/form-data; boundary=x'];
      for (const body of odd) {
        for (const type of types) {
          const res = await post(body, { 'content-type': type });
          expect([204, 400, 413, 415], `${type} ${JSON.stringify(body)} → ${res.statusCode}`).toContain(res.statusCode);
        }
      }
    });

    it('counts a flood from one address once', async () => {
      const before = await total('b');
      const statuses = new Set<number>();
      for (let i = 0; i < 300; i++) statuses.add((await post({ a: id('b') }, {}, '198.51.100.99')).statusCode);
      for (let i = 0; i < 300; i++) statuses.add((await post({ a: id('b'), s: sid(99) }, {}, '198.51.100.98')).statusCode);
      expect([...statuses]).toEqual([204]);
      expect(await total('b')).toBe(before + 2);
    });

    it('ignores bots, Do-Not-Track and Global Privacy Control, answering 204 all the same', async () => {
      const before = await total('c');
      expect((await post({ a: id('c'), s: sid(3) }, { 'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' })).statusCode).toBe(204);
      expect((await post({ a: id('c'), s: sid(4) }, { 'user-agent': 'curl/8.5.0' })).statusCode).toBe(204);
      expect((await post({ a: id('c'), s: sid(5) }, { dnt: '1' })).statusCode).toBe(204);
      expect((await post({ a: id('c'), s: sid(6) }, { 'sec-gpc': '1' })).statusCode).toBe(204);
      expect(await total('c')).toBe(before);
    });

    it('serves the no-JS pixel, counting a GET but not a HEAD', async () => {
      const before = await total('c');
      const res = await app.inject({ method: 'GET', url: `/api/v1/views/pixel.gif?a=${id('c')}`, remoteAddress: '192.0.2.200', headers: { 'user-agent': BROWSER } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/gif');
      expect(res.rawPayload.subarray(0, 6).toString()).toBe('GIF89a');
      await app.inject({ method: 'HEAD', url: `/api/v1/views/pixel.gif?a=${id('c')}`, remoteAddress: '192.0.2.201', headers: { 'user-agent': BROWSER } });
      expect(await total('c')).toBe(before + 1);
      expect((await app.inject({ method: 'GET', url: '/api/v1/views/pixel.gif?a=abc' })).statusCode).toBe(400);
      expect((await app.inject({ method: 'GET', url: '/api/v1/views/pixel.gif' })).statusCode).toBe(400);
    });

    it('puts an async beacon script and a noscript pixel on article pages, and serves the script', async () => {
      const article = await f.c.site.reader.published(id('a'));
      const html = (await app.inject({ method: 'GET', url: article.url })).body;
      const script = /<script src="(\/assets\/views\.js\?v=[0-9a-f]{10})" async(?:="")? data-article="(\d+)"><\/script>/.exec(html);
      expect(script?.[2]).toBe(String(article.id));
      expect(html).toContain(`<noscript><img class="views-pixel" src="/api/v1/views/pixel.gif?a=${article.id}" alt`);
      const js = await app.inject({ method: 'GET', url: script![1]! });
      expect(js.statusCode).toBe(200);
      expect(js.headers['content-type']).toContain('javascript');
      expect(js.body).toContain('sendBeacon');
      expect(js.body).toContain('globalPrivacyControl');
    });

    it('writes buffered views when the server closes', async () => {
      const before = (await f.c.views.service.counts(id('b'))).total;
      await post({ a: id('b'), s: sid(7) });
      await app.close();
      expect((await f.c.views.service.counts(id('b'))).total).toBe(before + 1);
    });
  });
}

// Behind a reverse proxy, the reader's address is in X-Forwarded-For, trusted only when configured.
describe('views beacon behind a proxy', () => {
  const dialect = testDialects().find((d) => d.name === 'sqlite')!;
  let f: ViewsFixture;
  let app: FastifyInstance;
  beforeAll(async () => {
    f = await viewsFixture(dialect, [['a', 'world']], { 'trust-proxy': 'loopback' });
    app = await buildServer(f.c);
  });
  afterAll(async () => {
    await app?.close();
    await f?.close();
  });

  it('tells readers apart by X-Forwarded-For from a trusted proxy', async () => {
    const pixel = (forwardedFor: string) =>
      app.inject({ method: 'GET', url: `/api/v1/views/pixel.gif?a=${f.ids.get('a')}`, remoteAddress: '127.0.0.1', headers: { 'user-agent': BROWSER, 'x-forwarded-for': forwardedFor } });
    for (const address of ['198.51.100.1', '198.51.100.2', '198.51.100.2']) expect((await pixel(address)).statusCode).toBe(200);
    await f.c.views.ingest.flush();
    // Two readers (the second one's repeat is a duplicate), not one proxy.
    expect((await f.c.views.service.counts(f.ids.get('a')!)).total).toBe(2);
  });
});
