import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHarness, type AuthHarness } from '../auth/auth.testkit.js';
import { migrateToLatest, openPostgres } from '../db/index.js';
import { TEST_PG_URL } from '../db/dialects.testkit.js';
import { isDatabaseOutage } from './db-outage.js';
import { TcpProxy } from './tcp-proxy.testkit.js';

describe('isDatabaseOutage', () => {
  it('knows a lost connection from a bug', () => {
    expect(isDatabaseOutage(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseOutage(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isDatabaseOutage(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseOutage(new Error('wrapped', { cause: Object.assign(new Error('x'), { code: '08006' }) }))).toBe(true);
    expect(isDatabaseOutage(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }))).toBe(true);
    expect(isDatabaseOutage(new Error('Cannot read properties of undefined'))).toBe(false);
    expect(isDatabaseOutage(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isDatabaseOutage(undefined)).toBe(false);
  });
});

describe.skipIf(process.env.JIAODIAN_TEST_PG_STATE !== 'up')('a server whose PostgreSQL goes away', () => {
  const pgUrl = new URL(TEST_PG_URL);
  const proxy = new TcpProxy({ host: pgUrl.hostname, port: Number(pgUrl.port || 5432) });
  const schema = `jd_outage_${randomBytes(5).toString('hex')}`;
  let h: AuthHarness;
  let token = '';
  beforeAll(async () => {
    const admin = await openPostgres(TEST_PG_URL, { max: 1 });
    await sql`create schema ${sql.id(schema)}`.execute(admin.kysely);
    await admin.close();
    await proxy.open();
    const via = new URL(TEST_PG_URL);
    via.port = String(proxy.port);
    const db = await openPostgres(via.toString(), { schema, max: 4 });
    await migrateToLatest(db);
    h = await authHarness(db, { 'page-cache': 'on' });
    await h.c.sections.create({ slug: 'world', name: '國際', position: 1 }, h.clock.now().toISOString());
    const user = await h.c.users.add({ email: 'editor@example.com', name: '編輯', role: 'editor', password: 'correct horse battery' });
    token = (await h.c.auth.tokens.create({ name: 't', role: 'editor' }, undefined, user.id)).secret;
  });
  const draft = (title: string) =>
    h.app.inject({ method: 'POST', url: '/api/v1/admin/articles', headers: { authorization: `Bearer ${token}` }, payload: { title, section: 'world', bodyHtml: '<p>段</p>' } });

  afterAll(async () => {
    await proxy.open().catch(() => {});
    await h?.close();
    const admin = await openPostgres(TEST_PG_URL, { max: 1 });
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin.kysely);
    await admin.close();
  });

  it('answers writes with 503 JD_ERR_DB_UNAVAILABLE, not 500, serves cached pages, and recovers when it returns', async () => {
    expect((await draft('斷線前')).statusCode).toBe(201);
    // The home page is served before the outage (over a real socket: hits are answered ahead of
    // Fastify's routing, which inject would skip): the page cache holds it.
    const origin = await h.app.listen({ host: '127.0.0.1', port: 0 });
    for (let i = 0; i < 2; i++) expect((await fetch(`${origin}/`)).status).toBe(200);
    await proxy.cut();
    const cached = await fetch(`${origin}/`);
    expect(cached.status).toBe(200);
    expect(cached.headers.get('x-cache')).toBe('HIT');
    const res = await draft('斷線稿');
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('JD_ERR_DB_UNAVAILABLE');
    expect(res.json().error.message).toMatch(/database is unavailable/);
    expect(res.headers['retry-after']).toBe('5');
    // A reader's page says so too, in plain words rather than "server error".
    const page = await h.app.inject({ method: 'GET', url: '/world/' });
    expect(page.statusCode).toBe(503);
    expect(page.body).toContain('資料庫暫時無法使用');
    await proxy.open();
    expect((await draft('恢復後')).statusCode).toBe(201);
  });
});
