import { describe, expect, it, vi } from 'vitest';
import type { CovisitRepo } from './covisit.repo.js';
import { ViewBuffer, type ViewBatch } from './views-buffer.js';
import { ViewIngest } from './views-ingest.js';
import type { ViewsRepo } from './views.repo.js';
import { beacon, sid } from './views.testkit.js';

describe('ViewBuffer', () => {
  it('aggregates views per article and hour, and pairs without order', () => {
    const b = new ViewBuffer({ articles: 10, pairs: 10 });
    b.view(1, 100);
    b.view(1, 100);
    b.view(2, 101);
    b.pair(3, 1);
    b.pair(1, 3);
    const batch = b.take();
    expect(batch.size).toBe(3);
    expect(batch.views.get(100)?.get(1)).toBe(2);
    expect(batch.pairs.get(1)?.get(3)).toBe(2);
    expect(b.size).toBe(0);
  });

  it('refuses new keys when full but keeps counting existing ones', () => {
    const b = new ViewBuffer({ articles: 2, pairs: 1 });
    expect([b.view(1, 0), b.view(2, 0), b.view(3, 0), b.view(1, 0)]).toEqual([true, true, false, true]);
    expect([b.pair(1, 2), b.pair(1, 3), b.pair(2, 1)]).toEqual([true, false, true]);
  });

  it('tells how full the fuller bound is', () => {
    const b = new ViewBuffer({ articles: 4, pairs: 10 });
    b.view(1, 0);
    expect(b.fill).toBe(0.25);
    for (const other of [2, 3, 4, 5, 6, 7]) b.pair(1, other);
    expect(b.fill).toBe(0.6);
    b.take();
    expect(b.fill).toBe(0);
  });
});

/** A repository whose writes fail until `healthy` is set, recording what it was given. */
function fakeRepos() {
  const state = { healthy: false, written: [] as ViewBatch[] };
  const views = {
    publishedIds: async () => [1, 2, 3],
    flush: async (batch: ViewBatch) => {
      if (!state.healthy) throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
      state.written.push(batch);
      return [];
    },
    maintain: async () => false,
  } as unknown as ViewsRepo;
  const covisit = { trim: async () => {} } as unknown as CovisitRepo;
  return { state, views, covisit };
}

describe('ViewIngest without a database', () => {
  it('keeps views through a failed flush and writes them on the next one', async () => {
    const { state, views, covisit } = fakeRepos();
    const warnings: string[] = [];
    const ingest = new ViewIngest({ views, covisit, clock: () => 1_800_000_000_000, hotHalfLifeHours: 6, warn: (m) => warnings.push(m) });
    await ingest.refreshKnown();
    ingest.record(beacon(1, sid(1)));
    ingest.record(beacon(2, sid(1)));
    await ingest.flush();
    expect(warnings).toHaveLength(1);
    expect(ingest.stats()).toMatchObject({ counted: 2, pending: 2, flushErrors: 1, flushed: 0 });
    state.healthy = true;
    await ingest.flush();
    expect(ingest.stats()).toMatchObject({ pending: 0, flushed: 2 });
    const batch = state.written[0]!;
    expect(batch.size).toBe(2);
    // Both session reads and their pair survived the retry.
    expect(batch.pairs.get(1)?.get(2)).toBe(1);
  });

  it('flushes ahead of its timer once a burst has filled half the buffer, after the beacon is answered', async () => {
    const { state, views, covisit } = fakeRepos();
    state.healthy = true;
    const ingest = new ViewIngest({ views, covisit, clock: () => 1_800_000_000_000, hotHalfLifeHours: 6, limits: { buffer: { articles: 4, pairs: 100 }, flushMs: 3_600_000 } });
    await ingest.start();
    const tick = () => new Promise((r) => setImmediate(r));
    ingest.record(beacon(1, sid(1), '10.0.0.1'));
    await tick();
    expect(state.written).toHaveLength(0);
    ingest.record(beacon(2, sid(2), '10.0.0.2'));
    // Decided in the request, written only after it.
    expect(state.written).toHaveLength(0);
    await tick();
    await tick();
    expect(state.written).toHaveLength(1);
    expect(state.written[0]!.size).toBe(2);
    expect(ingest.stats()).toMatchObject({ pending: 0, flushed: 2 });
    await ingest.close();
  });

  it('queues one early flush while the one it started is still writing, and another once it is done', async () => {
    const { state, views, covisit } = fakeRepos();
    state.healthy = true;
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    const write = views.flush.bind(views);
    views.flush = async (batch, at) => {
      await held;
      return write(batch, at);
    };
    const ingest = new ViewIngest({ views, covisit, clock: () => 1_800_000_000_000, hotHalfLifeHours: 6, limits: { buffer: { articles: 4, pairs: 100 }, flushMs: 3_600_000 } });
    await ingest.start();
    const queued = vi.spyOn(globalThis, 'setImmediate');
    const queuedBy = (record: () => void) => {
      const before = queued.mock.calls.length;
      record();
      return queued.mock.calls.length - before;
    };
    try {
      ingest.record(beacon(1, sid(1), '10.0.0.1'));
      expect(queuedBy(() => ingest.record(beacon(2, sid(2), '10.0.0.2')))).toBe(1);
      await new Promise((r) => setTimeout(r, 5));
      // The flush is writing (held) and the buffer is past half again: nothing more is queued.
      ingest.record(beacon(1, sid(3), '10.0.0.3'));
      expect(queuedBy(() => ingest.record(beacon(2, sid(4), '10.0.0.4')))).toBe(0);
      expect(queuedBy(() => ingest.record(beacon(3, sid(5), '10.0.0.5')))).toBe(0);
      release();
      await ingest.flush();
      expect(state.written).toHaveLength(1);
      // That flush is over: the next beacon past half queues the next one, which writes the rest.
      expect(queuedBy(() => ingest.record(beacon(3, sid(6), '10.0.0.6')))).toBe(1);
      await new Promise((r) => setTimeout(r, 5));
      expect(state.written).toHaveLength(2);
      expect(ingest.stats()).toMatchObject({ pending: 0, flushed: 6 });
    } finally {
      queued.mockRestore();
      await ingest.close();
    }
  });

  it('drops and counts beacons when the buffer is full, never throwing', async () => {
    const { views, covisit } = fakeRepos();
    const ingest = new ViewIngest({ views, covisit, clock: () => 1_800_000_000_000, hotHalfLifeHours: 6, limits: { buffer: { articles: 1, pairs: 1 } } });
    await ingest.refreshKnown();
    expect(ingest.record(beacon(1, sid(1), '10.0.0.1'))).toBe('counted');
    expect(ingest.record(beacon(2, sid(2), '10.0.0.2'))).toBe('dropped');
    expect(ingest.record(beacon(1, sid(3), '10.0.0.3'))).toBe('counted');
    expect(ingest.stats()).toMatchObject({ counted: 2, dropped: 1 });
  });

  it('counts the view but drops the pairs when only the pair buffer is full', async () => {
    const { views, covisit } = fakeRepos();
    const ingest = new ViewIngest({ views, covisit, clock: () => 1_800_000_000_000, hotHalfLifeHours: 6, limits: { buffer: { articles: 10, pairs: 1 } } });
    await ingest.refreshKnown();
    expect(ingest.record(beacon(1, sid(1)))).toBe('counted');
    expect(ingest.record(beacon(2, sid(1)))).toBe('counted');
    // The second read's own session count and its pair with article 1 did not fit.
    expect(ingest.stats()).toMatchObject({ counted: 2, pairsDropped: 2 });
  });
});
