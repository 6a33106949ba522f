import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../db/dialects.testkit.js';
import { buildServer } from '../http/server.js';
import { BROWSER, sid, viewsFixture, type ViewsFixture } from '../recommend/views.testkit.js';

// The beacon's fast path (views-fast.ts) answers sendBeacon's text/plain POSTs before Fastify:
// over a real socket it must answer exactly as the Fastify route does (which app.inject, going
// straight to Fastify, shows), count the same beacons, and leave every other request to Fastify.
const sqlite = testDialects().find((d) => d.name === 'sqlite')!;

describe('views beacon fast path', () => {
  let f: ViewsFixture;
  let app: FastifyInstance;
  let origin = '';
  let fastifySaw = 0;
  let address = 0;
  const id = (key: string) => f.ids.get(key)!;
  const total = async (key: string) => {
    await f.c.views.ingest.flush();
    return (await f.c.views.service.counts(id(key))).total;
  };
  const headers = (type: string, extra: Record<string, string> = {}) => ({ 'user-agent': BROWSER, 'content-type': type, 'x-forwarded-for': `203.0.113.${++address}`, ...extra });
  /** Over the socket: the fast path takes text/plain. */
  const wire = async (body: string, type = 'text/plain;charset=UTF-8', extra: Record<string, string> = {}) => {
    const res = await fetch(`${origin}/api/v1/views`, { method: 'POST', headers: headers(type, extra), body });
    return { status: res.status, body: await res.text(), cacheControl: res.headers.get('cache-control'), nosniff: res.headers.get('x-content-type-options') };
  };
  /** Straight to Fastify's route, for comparison. */
  const route = async (body: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/views', remoteAddress: '127.0.0.1', headers: headers('text/plain;charset=UTF-8'), payload: body });
    return { status: res.statusCode, body: res.body, cacheControl: res.headers['cache-control'], nosniff: res.headers['x-content-type-options'] };
  };

  beforeAll(async () => {
    f = await viewsFixture(sqlite, [['a', 'world'], ['b', 'tech']], { 'trust-proxy': 'loopback' });
    app = await buildServer(f.c);
    app.addHook('onRequest', async (req) => {
      if (req.url.startsWith('/api/v1/views')) fastifySaw++;
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app?.close();
    await f?.close();
  });

  it('counts a sendBeacon beacon without Fastify, once per session and article', async () => {
    const before = fastifySaw;
    const ok = await wire(JSON.stringify({ a: id('a'), s: sid(1) }));
    expect(ok).toMatchObject({ status: 204, body: '', cacheControl: 'no-store', nosniff: 'nosniff' });
    expect((await wire(JSON.stringify({ a: id('a'), s: sid(1) }))).status).toBe(204);
    expect((await wire(JSON.stringify({ a: id('b') }))).status).toBe(204);
    expect(fastifySaw).toBe(before);
    expect(await total('a')).toBe(1);
    expect(await total('b')).toBe(1);
  });

  it('answers malformed and mistyped bodies exactly as the Fastify route does', async () => {
    const before = fastifySaw;
    for (const body of ['{"a": 1,', 'null', '[]', '42', '""', '{}', '{"a":-1}', '{"a":1.5}', '{"a":1e40}', '', '{"a":"seven","s":"not a session id!"}', '{"a":1,"s":"short"}']) {
      const [fast, slow] = [await wire(body), await route(body)];
      expect(fast.status, body).toBe(400);
      expect(fast, body).toEqual(slow);
    }
    expect(fastifySaw - before).toBe(12); // the route's calls above, none of the wire's
  });

  it('applies the bot filter, Do-Not-Track and Sec-GPC as the route does', async () => {
    const body = JSON.stringify({ a: id('b'), s: sid(7) });
    const counted = await total('b');
    expect((await wire(body, 'text/plain', { 'user-agent': 'Googlebot/2.1 (+http://www.google.com/bot.html)' })).status).toBe(204);
    expect((await wire(body, 'text/plain', { dnt: '1' })).status).toBe(204);
    expect((await wire(body, 'text/plain', { 'sec-gpc': '1' })).status).toBe(204);
    expect(await total('b')).toBe(counted);
  });

  it('rate-limits one forwarded address, the client as Fastify sees it behind a trusted proxy', async () => {
    const before = f.c.views.ingest.stats().limited;
    for (let i = 0; i < 70; i++) await wire(JSON.stringify({ a: id('a'), s: sid(100 + i) }), 'text/plain', { 'x-forwarded-for': '198.51.100.7' });
    expect(f.c.views.ingest.stats().limited - before).toBeGreaterThan(0);
  });

  it('leaves JSON bodies, oversized bodies and other requests to Fastify', async () => {
    const before = fastifySaw;
    expect((await wire(JSON.stringify({ a: id('a'), s: sid(300) }), 'application/json')).status).toBe(204);
    const huge = await wire(JSON.stringify({ a: id('a'), pad: 'x'.repeat(10_000) }));
    expect(huge.status).toBe(413);
    expect(JSON.parse(huge.body).error.code).toBe('JD_ERR_HTTP_BODY_TOO_LARGE');
    expect((await fetch(`${origin}/api/v1/views/pixel.gif?a=${id('a')}`)).status).toBe(200);
    expect(fastifySaw - before).toBe(3);
  });
});
