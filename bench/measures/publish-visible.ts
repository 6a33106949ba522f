import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig } from '../../src/config/index.js';
import { createContainer, type Container } from '../../src/container.js';
import { openBenchContainer } from '../load.js';
import type { BenchContext, Figure, Measurement } from '../measure.js';
import { freePort, HOST, type Leftovers } from '../processes.js';

const JIAODIAN_MAIN = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
/** Publishes timed per setup: p50 and max of these are reported. */
const SAMPLES = 20;
/** How often the reader polls, in ms: the resolution of the figure. */
const POLL_MS = 5;
const PG_URL = process.env.JIAODIAN_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.JIAODIAN_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Where the editor publishes and where a reader looks. */
interface Pair {
  readonly writer: string;
  readonly reader: string;
  readonly token: string;
  readonly section: string;
}

/**
 * Publish-to-visible latency (issue 8 asks ≤ 1 s): the time from the publish API's answer to
 * the moment a reader polling the home page (every 5 ms, cached before the publish) sees the
 * new headline. Once on the benchmark's own server (SQLite, one process), and once across two
 * processes over PostgreSQL and Redis, publishing through one and reading through the other,
 * so the page cache's purge has to cross Redis. The second setup is skipped with one line
 * when PostgreSQL (JIAODIAN_BENCH_PG_URL) or Redis (JIAODIAN_BENCH_REDIS_URL) does not answer.
 */
export const publishVisible: Measurement = {
  title: 'publish-to-visible latency',
  async run(ctx: BenchContext) {
    const figures: Record<string, Figure> = {};
    const server = await ctx.server();
    const c = await openBenchContainer(ctx.dataDir);
    let one: Pair;
    try {
      one = { writer: server.origin, reader: server.origin, ...(await editor(c)) };
    } finally {
      await c.close();
    }
    const single = await sample(one);
    ctx.log(`  one process: p50 ${single.p50.toFixed(1)} ms, max ${single.max.toFixed(1)} ms over ${SAMPLES} publishes`);
    figures.publish_visible_p50_ms = { value: single.p50, unit: 'ms' };
    figures.publish_visible_max_ms = { value: single.max, unit: 'ms' };

    const why = await unavailable();
    if (why) {
      ctx.log(`  two processes: skipped (${why})`);
      return figures;
    }
    const dbName = `jd_bench_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    try {
      const dbUrl = Object.assign(new URL(PG_URL), { pathname: `/${dbName}` }).toString();
      const dir = mkdtempSync(join(ctx.workDir, 'pv-'));
      const pc = await createContainer(loadConfig({ 'database-url': dbUrl, data: dir, demo: 'off', 'log-level': 'silent' }, {}));
      let creds: { token: string; section: string };
      try {
        await pc.sections.create({ slug: 'news', name: '新聞', position: 1 }, new Date().toISOString());
        creds = await editor(pc);
      } finally {
        await pc.close();
      }
      const env = { DATABASE_URL: dbUrl, REDIS_URL, JIAODIAN_DATA_DIR: dir };
      const [a, b] = await Promise.all([serve(ctx.leftovers, env), serve(ctx.leftovers, env)]);
      try {
        const two = await sample({ writer: a.origin, reader: b.origin, ...creds });
        ctx.log(`  two processes (PostgreSQL + Redis): p50 ${two.p50.toFixed(1)} ms, max ${two.max.toFixed(1)} ms over ${SAMPLES} publishes`);
        figures.publish_visible_two_processes_p50_ms = { value: two.p50, unit: 'ms' };
        figures.publish_visible_two_processes_max_ms = { value: two.max, unit: 'ms' };
      } finally {
        await Promise.all([a.stop(), b.stop()]);
      }
    } finally {
      await admin.query(`drop database if exists ${dbName} with (force)`).catch(() => {});
      await admin.end();
    }
    return figures;
  },
};

/** An editor with an API token, and a section to publish in. */
async function editor(c: Container): Promise<{ token: string; section: string }> {
  const email = `bench-${randomBytes(4).toString('hex')}@example.com`;
  const user = await c.users.add({ email, name: '基準編輯', role: 'editor', password: randomBytes(12).toString('hex') });
  const { secret } = await c.auth.tokens.create({ name: 'bench', role: 'editor' }, undefined, user.id);
  const { tree } = await c.sections.index();
  return { token: secret, section: tree[0]!.slug };
}

/** Times SAMPLES publishes from acknowledgement to the headline on the reader's home page. */
async function sample(p: Pair): Promise<{ p50: number; max: number }> {
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const title = `即時發布測試${randomBytes(4).toString('hex')}`;
    const draft = await call(p, 'POST', '/api/v1/admin/articles', { title, section: p.section, bodyHtml: `<p>${title}。</p>` });
    // The reader's home page is served (and cached) before the publish.
    await fetch(`${p.reader}/`).then((r) => r.arrayBuffer());
    await fetch(`${p.reader}/`).then((r) => r.arrayBuffer());
    await call(p, 'POST', `/api/v1/admin/articles/${draft.id}/publish`, { version: draft.version });
    const acked = performance.now();
    for (;;) {
      const body = await fetch(`${p.reader}/`).then((r) => r.text());
      if (body.includes(title)) break;
      if (performance.now() - acked > 10_000) throw new Error(`"${title}" was not visible on ${p.reader}/ after 10 s`);
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    times.push(performance.now() - acked);
  }
  times.sort((x, y) => x - y);
  return { p50: times[Math.ceil(times.length / 2) - 1]!, max: times.at(-1)! };
}

async function call(p: Pair, method: string, path: string, body: object): Promise<{ id: number; version: number }> {
  const res = await fetch(p.writer + path, { method, headers: { authorization: `Bearer ${p.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await res.json()) as { article: { id: number; version: number } };
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json.article;
}

/** Why the two-process setup cannot run here, or undefined. */
async function unavailable(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
  } catch {
    return `PostgreSQL at ${new URL(PG_URL).host} does not answer`;
  } finally {
    await client.end().catch(() => {});
  }
  const { Redis } = await import('ioredis');
  const redis = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.ping();
    return undefined;
  } catch {
    return `Redis at ${new URL(REDIS_URL).host} does not answer`;
  } finally {
    redis.disconnect();
  }
}

/** A `jiaodian serve` with `env` on a free port, once it answers. */
async function serve(leftovers: Leftovers, extra: Record<string, string>): Promise<{ origin: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(JIAODIAN_|DATABASE_URL$|REDIS_URL$|PORT$|HOST$)/.test(k)) env[k] = v;
  Object.assign(env, { JIAODIAN_DEMO: 'off', JIAODIAN_LOG_LEVEL: 'warn', NODE_ENV: 'production' }, extra);
  const child = leftovers.child(spawn(process.execPath, [JIAODIAN_MAIN, 'serve', '--port', String(port), '--host', HOST], { env, stdio: ['ignore', 'ignore', 'pipe'] }));
  let err = '';
  child.stderr!.on('data', (d) => (err = (err + d).slice(-2000)));
  const origin = `http://${HOST}:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`serve exited (${child.exitCode}): ${err}`);
    const ok = await fetch(`${origin}/api/v1/sections`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`serve did not answer within 60 s: ${err}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    origin,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
