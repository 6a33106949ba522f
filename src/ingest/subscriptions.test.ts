import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newsroom, type Newsroom } from '../content/newsroom.testkit.js';
import { migrateToLatest, openSqlite } from '../db/index.js';
import { LocalLease } from '../events/lease.js';
import { startSourceServer, type SourceServer } from './ingest.testkit.js';
import { FeedPoller, MAX_BACKOFF_MINUTES, Subscriptions } from './subscriptions.js';
import { importerOf } from './wiring.js';

let s: SourceServer;
let n: Newsroom;
beforeAll(async () => {
  s = await startSourceServer();
});
afterAll(() => s.close());
beforeEach(async () => {
  const db = openSqlite(':memory:');
  await migrateToLatest(db);
  n = await newsroom(db);
});
afterEach(() => n.close());

const subsAt = (clock: { now: () => Date }) => new Subscriptions({ db: n.c.db.kysely, importer: importerOf(n.c, { timeoutMs: 5000 }), now: clock.now, fetch: { timeoutMs: 5000 } });

describe('feed subscriptions', { timeout: 60_000 }, () => {
  it('polls a due feed once, then asks with its ETag and imports nothing new', async () => {
    const subs = subsAt(n.clock);
    const sub = await subs.add({ url: `${s.base}/etag.xml`, section: 'world', publish: true, everyMinutes: 30 });
    // Two pollers (two processes) at once: the claim lets only one of them poll the feed.
    const other = subsAt(n.clock);
    const [a, b] = await Promise.all([subs.pollDue(), other.pollDue()]);
    expect(a + b).toBe(1);
    const [polled] = await subs.list();
    expect(polled).toMatchObject({ title: '港灣晨報', failures: 0, nextPollAt: n.clock.iso(30 * 60_000) });
    expect((await n.c.newsroom.admin.list({ page: 1, limit: 10 }, n.actors.admin)).items).toHaveLength(2);
    expect(await subs.pollDue()).toBe(0);
    n.clock.advance(31 * 60_000);
    const report = await subs.poll(sub.id);
    expect(report.items).toEqual([]);
    expect(s.hits.get('/etag.xml')).toBe(2);
  });

  it('backs off a failing feed and records why', async () => {
    const subs = subsAt(n.clock);
    const sub = await subs.add({ url: `${s.base}/loop-a`, section: 'world', publish: false, everyMinutes: 30 });
    const poller = new FeedPoller({ subscriptions: subs, lease: new LocalLease(), onError: () => {} });
    await poller.tick();
    let [state] = await subs.list();
    expect(state).toMatchObject({ failures: 1, nextPollAt: n.clock.iso(60 * 60_000) });
    expect(state!.lastError).toMatch(/redirect loop/);
    n.clock.advance(61 * 60_000);
    await poller.tick();
    [state] = await subs.list();
    expect(state).toMatchObject({ failures: 2, nextPollAt: n.clock.iso(120 * 60_000) });
    for (let i = 0; i < 10; i++) await subs.poll(sub.id).catch(() => undefined);
    [state] = await subs.list();
    expect(state!.nextPollAt).toBe(n.clock.iso(MAX_BACKOFF_MINUTES * 60_000));
    await poller.stop();
  });
});
