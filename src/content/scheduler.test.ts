import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { testConfig } from '../config/index.js';
import { migrateToLatest, openPostgres, openSqlite, type Db } from '../db/index.js';
import { startServer } from '../main.js';
import { TEST_PG_URL, testDialects } from '../db/dialects.testkit.js';
import { Clock, draftAs, newsroom, realClock, type Newsroom } from './newsroom.testkit.js';
import { Scheduler } from './scheduler.js';

/**
 * One database that several "processes" open: a file for SQLite, a schema for PostgreSQL.
 * `open` gives a new connection (pool) each time; `shared` is for SQLite, where two writers in
 * one thread would wait on each other's locks, so two processes share one connection.
 */
async function oneDatabase(dialect: 'sqlite' | 'postgres') {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'jd-sched-'));
    const file = join(dir, 'db.sqlite');
    return { open: async () => openSqlite(file), separatePools: false, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `jd_test_${randomBytes(6).toString('hex')}`;
  const admin = await openPostgres(TEST_PG_URL, { max: 1 });
  await sql`create schema ${sql.id(schema)}`.execute(admin.kysely);
  return {
    open: async () => openPostgres(TEST_PG_URL, { schema, max: 4 }),
    separatePools: true,
    drop: async () => {
      await sql`drop schema ${sql.id(schema)} cascade`.execute(admin.kysely);
      await admin.close();
    },
  };
}

/** A Db whose close does nothing: for a second container sharing a connection. */
const borrowed = (db: Db): Db => ({ ...db, close: async () => {} });

async function until(check: () => Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

for (const dialect of testDialects()) {
  describe.skipIf(dialect.skip)(`the scheduler on ${dialect.name}`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterAll(async () => {
      for (const c of cleanups.reverse()) await c();
    });

    it('claims a due article once: a second claim of the same version changes nothing', async () => {
      const n = await newsroom(await dialect.open());
      cleanups.push(n.close);
      const a = await draftAs(n, 'editor');
      await n.c.newsroom.workflow.move(a.id, 'schedule', n.actors.editor, { version: 1, publishAt: n.clock.iso(1000) });
      n.clock.advance(1000);
      const first = await n.c.newsroom.workflow.publishDue();
      const second = await n.c.newsroom.workflow.publishDue();
      expect(first).toEqual([a.id]);
      expect(second).toEqual([]);
      expect((await n.c.site.reader.published(a.id)).version).toBe(3);
    });

    it('publishes each due article exactly once with two schedulers on one database', async () => {
      const db = await oneDatabase(dialect.name);
      cleanups.push(db.drop);
      const clock = new Clock();
      const first = await db.open();
      await migrateToLatest(first);
      const a: Newsroom = await newsroom(first, clock);
      const b: Newsroom = await newsroom(db.separatePools ? await db.open() : borrowed(first), clock, false);
      cleanups.push(a.close, b.close);
      const ids: number[] = [];
      for (let i = 0; i < 12; i++) {
        const d = await draftAs(a, 'editor', { title: `預約 ${i}` });
        await a.c.newsroom.workflow.move(d.id, 'schedule', a.actors.editor, { version: 1, publishAt: clock.iso(60_000 + i) });
        ids.push(d.id);
      }
      clock.advance(120_000);
      a.events.length = 0;
      b.events.length = 0;
      const [fromA, fromB] = await Promise.all([a.c.newsroom.scheduler.runOnce(), b.c.newsroom.scheduler.runOnce()]);
      expect([...fromA, ...fromB].sort((x, y) => x - y)).toEqual(ids);
      // One announcement per article across both processes, as a manual publish makes.
      const published = [...a.events, ...b.events].filter((e) => e.type === 'article.saved' && e.status === 'published');
      expect(published).toHaveLength(ids.length);
      expect(published.every((e) => e.type === 'article.saved' && e.previousStatus === 'scheduled')).toBe(true);
      for (const [i, id] of ids.entries()) {
        const live = await a.c.site.reader.published(id);
        // The embargo time, not the moment of the claim.
        expect(live.publishedAt).toBe(new Date(Date.parse('2026-11-01T00:00:00Z') + 60_000 + i).toISOString());
        const revs = await a.c.newsroom.revisions.list(id, 1, 10);
        expect(revs.revisions.filter((r) => r.action === 'publish').map((r) => r.by.via)).toEqual(['scheduler']);
      }
    });

    it('publishes an article that was pending when the process stopped, after a restart', async () => {
      const db = await oneDatabase(dialect.name);
      cleanups.push(db.drop);
      const clock = new Clock();
      const first = await db.open();
      await migrateToLatest(first);
      const before = await newsroom(first, clock);
      const a = await draftAs(before, 'author');
      const at = clock.iso(30_000);
      await before.c.newsroom.workflow.move(a.id, 'schedule', before.actors.author, { version: 1, publishAt: at });
      before.c.newsroom.scheduler.start();
      await before.close();
      expect(before.c.newsroom.scheduler.started).toBe(false);

      clock.advance(45_000);
      const after = await newsroom(await db.open(), clock, false);
      cleanups.push(after.close);
      after.c.newsroom.scheduler.start();
      await until(async () => (await after.c.newsroom.admin.get(a.id)).article.status === 'published');
      await after.c.newsroom.scheduler.stop();
      const live = await after.c.site.reader.published(a.id);
      expect(live.publishedAt).toBe(at);
      expect(after.events.filter((e) => e.type === 'article.saved' && e.status === 'published')).toHaveLength(1);
    });

    it('wakes at the embargo time on a real clock, including for an article scheduled after start', async () => {
      const n = await newsroom(await dialect.open(), realClock());
      cleanups.push(n.close);
      // A long poll: only the wake-up at the due time (or the poke of a new schedule) can publish it.
      const scheduler = new Scheduler({ target: n.c.newsroom.workflow, now: () => new Date(), maxSleepMs: 60_000 });
      scheduler.watch(n.c.events);
      scheduler.start();
      await new Promise((r) => setTimeout(r, 50));
      const a = await draftAs(n, 'editor');
      const due = Date.now() + 400;
      await n.c.newsroom.workflow.move(a.id, 'schedule', n.actors.editor, { version: 1, publishAt: new Date(due).toISOString() });
      await until(async () => (await n.c.newsroom.admin.get(a.id)).article.status === 'published', 5000);
      const late = Date.now() - due;
      await scheduler.stop();
      expect(late).toBeGreaterThanOrEqual(0);
      expect(late).toBeLessThan(1500);
      expect((await n.c.site.reader.published(a.id)).publishedAt).toBe(new Date(due).toISOString());
    });
  });
}

describe('the server and the scheduler', () => {
  it('starts the scheduler with the server, publishes what fell due while it was down, and stops it on close', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jd-serve-'));
    try {
      // An article scheduled in the past, as if its embargo passed while the server was down.
      const db = openSqlite(join(dir, 'jiaodian.sqlite'));
      await migrateToLatest(db);
      const n = await newsroom(db, realClock());
      const a = await draftAs(n, 'editor');
      await n.c.newsroom.workflow.move(a.id, 'schedule', n.actors.editor, { version: 1, publishAt: new Date(Date.now() + 150).toISOString() });
      await n.close();
      await new Promise((r) => setTimeout(r, 200));

      const running = await startServer(testConfig({ data: dir, port: '0' }));
      try {
        expect(running.container.newsroom.scheduler.started).toBe(true);
        await until(async () => (await running.container.newsroom.admin.get(a.id)).article.status === 'published');
      } finally {
        await running.close();
      }
      expect(running.container.newsroom.scheduler.started).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
