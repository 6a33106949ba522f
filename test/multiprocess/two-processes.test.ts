// Two real `jiaodian serve` processes over one PostgreSQL database and one Redis: a publish
// through one is served by the other within a second (pages it had already served, so cached
// ones must be purged across processes), and a scheduled article publishes exactly once while
// both schedulers race for it.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../src/config/index.js';
import { createContainer } from '../../src/container.js';
import { TEST_PG_URL } from '../../src/db/dialects.testkit.js';
import { hasRedisServer, redisSkipReason, ScratchRedis, TEST_REDIS_URL } from '../../src/events/redis.testkit.js';
import { startServe, type ServerProcess } from './servers.js';

const redisSkip = await redisSkipReason();
const skip = process.env.JIAODIAN_TEST_PG_STATE !== 'up' || redisSkip !== undefined;

describe.skipIf(skip)('two Jiaodian processes over PostgreSQL and Redis', () => {
  const dbName = `jd_mp_${randomBytes(5).toString('hex')}`;
  const dbUrl = (() => {
    const u = new URL(TEST_PG_URL);
    u.pathname = `/${dbName}`;
    return u.toString();
  })();
  const dirs = [0, 1, 2].map(() => mkdtempSync(join(tmpdir(), 'jd-mp-')));
  const received: Array<{ event: string; id: number }> = [];
  let hookServer: Server;
  let token = '';
  let a: ServerProcess;
  let b: ServerProcess;
  // A Redis of their own, which the outage test stops and starts; the shared one without redis-server.
  const redis = hasRedisServer() ? new ScratchRedis() : undefined;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    // A webhook receiver: counts deliveries per event and article.
    hookServer = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        const payload = JSON.parse(body) as { event?: string; article?: { id: number } };
        received.push({ event: String(req.headers['x-jiaodian-event'] ?? payload.event), id: payload.article?.id ?? 0 });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => hookServer.listen(0, '127.0.0.1', r));
    const hookPort = (hookServer.address() as { port: number }).port;
    // Schema, a section, an editor with a token and the webhook, before either server starts.
    const c = await createContainer(testConfig({ 'database-url': dbUrl, data: dirs[0]! }));
    await c.sections.create({ slug: 'world', name: '國際', position: 1 }, new Date().toISOString());
    const editor = await c.users.add({ email: 'editor@example.com', name: '編輯', role: 'editor', password: 'correct horse battery' });
    token = (await c.auth.tokens.create({ name: 'mp', role: 'editor' }, undefined, editor.id)).secret;
    await c.webhooks.service.create({ url: `http://127.0.0.1:${hookPort}/hook`, events: ['article.published'], active: true }, undefined);
    await c.close();
    await redis?.start();
    const env = (dir: string) => ({ DATABASE_URL: dbUrl, REDIS_URL: redis?.url ?? TEST_REDIS_URL, JIAODIAN_DATA_DIR: dir, JIAODIAN_PAGE_CACHE: 'on' });
    [a, b] = await Promise.all([startServe(env(dirs[1]!)), startServe(env(dirs[2]!))]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.stop();
    await new Promise((r) => hookServer?.close(r));
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }, 60_000);

  async function api(server: ServerProcess, method: string, path: string, body?: object): Promise<any> {
    const res = await fetch(server.url + path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const json = (await res.json()) as any;
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json.article;
  }

  async function page(server: ServerProcess, path: string): Promise<{ status: number; body: string; cache: string | null }> {
    const res = await fetch(server.url + path);
    return { status: res.status, body: await res.text(), cache: res.headers.get('x-cache') };
  }

  /** Milliseconds until `path` on `server` satisfies `ok`, polling every 10 ms (fails after 3 s). */
  async function visibleAfter(server: ServerProcess, path: string, ok: (p: { status: number; body: string }) => boolean): Promise<number> {
    const t0 = performance.now();
    for (;;) {
      if (ok(await page(server, path))) return performance.now() - t0;
      if (performance.now() - t0 > 3000) throw new Error(`${path} on ${server.url} not as expected after 3 s`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async function publish(server: ServerProcess, title: string): Promise<any> {
    const draft = await api(server, 'POST', '/api/v1/admin/articles', { title, section: 'world', bodyHtml: `<p>${title}的內文。</p>` });
    return api(server, 'POST', `/api/v1/admin/articles/${draft.id}/publish`, { version: draft.version });
  }

  it('shows through B, within a second, what was published and updated through A', async () => {
    const first = await publish(a, '甲稿初版標題');
    const path = new URL(first.url, 'http://x').pathname;
    // B serves (and may cache) the article and the home page before the change.
    for (let i = 0; i < 2; i++) {
      const [article, home] = [await page(b, path), await page(b, '/')];
      expect(article.body).toContain('甲稿初版標題');
      expect(home.body).toContain('甲稿初版標題');
      // The second time B answers from its page cache: only a purge from A can make it change.
      if (i === 1) expect([article.cache, home.cache]).toEqual(['HIT', 'HIT']);
    }
    const updated = await api(a, 'PATCH', `/api/v1/admin/articles/${first.id}`, { version: first.version, title: '甲稿更新標題' });
    expect(updated.title).toBe('甲稿更新標題');
    const articleMs = await visibleAfter(b, path, (p) => p.body.includes('甲稿更新標題'));
    const homeMs = await visibleAfter(b, '/', (p) => p.body.includes('甲稿更新標題') && !p.body.includes('甲稿初版標題'));
    expect(articleMs).toBeLessThan(1000);
    expect(homeMs).toBeLessThan(1000);

    const second = await publish(a, '乙稿新聞標題');
    const homeNewMs = await visibleAfter(b, '/', (p) => p.body.includes('乙稿新聞標題'));
    expect(homeNewMs).toBeLessThan(1000);
    expect((await page(b, new URL(second.url, 'http://x').pathname)).status).toBe(200);
  });

  it('publishes a scheduled article exactly once while both processes run', async () => {
    // One embargo scheduled through each process, at the same instant: each process wakes for
    // its own, and both then claim every due article, so they race for both.
    const at = new Date(Date.now() + 1500).toISOString();
    const ids: number[] = [];
    for (const [server, title] of [[a, '丙稿定時'], [b, '丁稿定時']] as const) {
      const draft = await api(server, 'POST', '/api/v1/admin/articles', { title, section: 'world', bodyHtml: '<p>定時發布。</p>' });
      const scheduled = await api(server, 'POST', `/api/v1/admin/articles/${draft.id}/schedule`, { version: draft.version, publishAt: at });
      expect(scheduled.status).toBe('scheduled');
      ids.push(draft.id);
    }
    for (const server of [a, b]) await visibleAfter(server, '/', (p) => p.body.includes('丙稿定時') && p.body.includes('丁稿定時'));
    // Give a late double publish and its webhook time to show up.
    await new Promise((r) => setTimeout(r, 1500));
    const db = new pg.Client({ connectionString: dbUrl });
    await db.connect();
    try {
      for (const id of ids) {
        const audit = await db.query(`select count(*)::int as n from audit_log where action = 'article.publish.scheduled' and target = $1`, [`article:${id}`]);
        expect(audit.rows[0].n).toBe(1);
        const deliveries = await db.query(`select count(*)::int as n from webhook_deliveries where event = 'article.published' and article_id = $1`, [id]);
        expect(deliveries.rows[0].n).toBe(1);
        const revisions = await db.query(`select status, version from articles where id = $1`, [id]);
        expect(revisions.rows[0].status).toBe('published');
      }
    } finally {
      await db.end();
    }
    await new Promise((r) => setTimeout(r, 200));
    for (const id of ids) expect(received.filter((r) => r.event === 'article.published' && r.id === id)).toHaveLength(1);
  });

  it.skipIf(!redis)('keeps serving through a Redis outage, logs it once, and catches up when Redis returns', async () => {
    const story = await publish(a, '戊稿斷線前');
    const path = new URL(story.url, 'http://x').pathname;
    for (let i = 0; i < 2; i++) expect((await page(b, path)).body).toContain('戊稿斷線前');
    await redis!.stop();
    // Both go on serving, B from its cache; A's writes still work and answer at once.
    expect((await page(b, path)).cache).toBe('HIT');
    const updated = await api(a, 'PATCH', `/api/v1/admin/articles/${story.id}`, { version: story.version, title: '戊稿斷線中更新' });
    expect(updated.title).toBe('戊稿斷線中更新');
    expect((await page(a, path)).body).toContain('戊稿斷線中更新');
    await new Promise((r) => setTimeout(r, 1500));
    await redis!.start();
    // Back: B drops what it cached (the purge it missed) and shows the update.
    expect(await visibleAfter(b, path, (p) => p.body.includes('戊稿斷線中更新'))).toBeLessThan(3000);
    for (const server of [a, b]) {
      expect(server.output().match(/is unreachable/g)).toHaveLength(1);
      expect(server.output().match(/is back/g)).toHaveLength(1);
    }
  });

  it('stops both servers cleanly on SIGTERM', async () => {
    expect(await a.stop()).toBe(0);
    expect(await b.stop()).toBe(0);
  });
});
