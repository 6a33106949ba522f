import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../db/dialects.testkit.js';
import { beacon, sid, viewsFixture, type ViewsFixture } from './views.testkit.js';

// Beacon ingestion end to end below HTTP: decisions in memory, batched writes, counts.
for (const dialect of testDialects()) {
  describe.skipIf(dialect.skip)(`views ingestion on ${dialect.name}`, () => {
    let f: ViewsFixture;
    const id = (key: string) => f.ids.get(key)!;
    const counts = (key: string) => f.c.views.service.counts(id(key));

    beforeAll(async () => {
      f = await viewsFixture(dialect, [
        ['a', 'world'],
        ['b', 'asia'],
        ['c', 'tech'],
        ['d', 'sports'],
        ['e', 'tech'],
      ]);
    });
    afterAll(async () => {
      await f?.close();
    });

    it('writes nothing until the flush, then everything in one go', async () => {
      const ingest = f.c.views.ingest;
      expect(ingest.record(beacon(id('a'), sid(1)))).toBe('counted');
      expect(ingest.record(beacon(id('a'), sid(2), '203.0.113.11'))).toBe('counted');
      expect(ingest.stats().pending).toBe(2);
      expect(await counts('a')).toEqual({ total: 0, last24h: 0, last7d: 0 });
      await ingest.flush();
      expect(ingest.stats().pending).toBe(0);
      expect(await counts('a')).toEqual({ total: 2, last24h: 2, last7d: 2 });
    });

    it('counts an article once per session, and once per address and browser without a session', async () => {
      const ingest = f.c.views.ingest;
      expect(ingest.record(beacon(id('b'), sid(3)))).toBe('counted');
      expect(ingest.record(beacon(id('b'), sid(3)))).toBe('duplicate');
      expect(ingest.record(beacon(id('c'), sid(3)))).toBe('counted');
      expect(ingest.record(beacon(id('b'), undefined, '198.51.100.1'))).toBe('counted');
      expect(ingest.record(beacon(id('b'), undefined, '198.51.100.1'))).toBe('duplicate');
      expect(ingest.record(beacon(id('b'), undefined, '198.51.100.2'))).toBe('counted');
      await ingest.flush();
      expect((await counts('b')).total).toBe(3);
    });

    it('ignores bots, Do-Not-Track, Global Privacy Control, drafts and unknown ids', async () => {
      const ingest = f.c.views.ingest;
      const before = (await counts('d')).total;
      expect(ingest.record(beacon(id('d'), sid(4), '192.0.2.1', { userAgent: 'Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)' }))).toBe('bot');
      expect(ingest.record(beacon(id('d'), sid(5), '192.0.2.1', { userAgent: undefined }))).toBe('bot');
      expect(ingest.record(beacon(id('d'), sid(6), '192.0.2.1', { optedOut: true }))).toBe('opted-out');
      expect(ingest.record(beacon(id('draft'), sid(7), '192.0.2.1'))).toBe('unknown');
      expect(ingest.record(beacon(999_999, sid(8), '192.0.2.1'))).toBe('unknown');
      await ingest.flush();
      expect((await counts('d')).total).toBe(before);
      expect((await counts('draft')).total).toBe(0);
      // An opted-out reader's session is not even remembered: the same session counts later.
      expect(ingest.record(beacon(id('d'), sid(6), '192.0.2.1'))).toBe('counted');
      await ingest.flush();
    });

    it('counts a flood from one address once, and rate-limits forged sessions', async () => {
      const ingest = f.c.views.ingest;
      const outcomes = Array.from({ length: 1000 }, () => ingest.record(beacon(id('e'), undefined, '192.0.2.50')));
      expect(outcomes.filter((o) => o === 'counted')).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'limited').length).toBeGreaterThan(900);
      const sameSession = Array.from({ length: 500 }, () => ingest.record(beacon(id('e'), sid(9), '192.0.2.51')));
      expect(sameSession.filter((o) => o === 'counted')).toHaveLength(1);
      const forged = Array.from({ length: 1000 }, (_, i) => ingest.record(beacon(id('e'), sid(10_000 + i), '192.0.2.52')));
      // At most the burst gets through before the address is limited.
      expect(forged.filter((o) => o === 'counted').length).toBeLessThanOrEqual(60);
      await ingest.flush();
      expect((await counts('e')).total).toBeLessThanOrEqual(62);
    });

    it('keeps 24-hour and 7-day counts apart, prunes old hours and decays the hot score', async () => {
      const ingest = f.c.views.ingest;
      await ingest.maintain(); // first run only records when maintenance started
      const start = f.now;
      f.now = start + 2 * 86_400_000;
      ingest.record(beacon(id('c'), sid(20), '192.0.2.60'));
      await ingest.flush();
      const c = await counts('c');
      expect(c.total).toBe(2);
      expect(c.last24h).toBe(1);
      expect(c.last7d).toBe(2);
      f.now = start + 9 * 86_400_000;
      await ingest.maintain();
      expect(await counts('c')).toEqual({ total: 2, last24h: 0, last7d: 0 });
      // Nine days at a 6-hour half-life: the hot score has faded to nothing.
      const hot = await f.c.db.kysely.selectFrom('view_totals').select('hot').where('article_id', '=', id('c')).executeTakeFirstOrThrow();
      expect(hot.hot).toBe(0);
    });

    it('lists the most read, over days or all time, for `jiaodian views top`', async () => {
      const ingest = f.c.views.ingest;
      for (let i = 0; i < 3; i++) ingest.record(beacon(id('d'), sid(30 + i), `192.0.2.${70 + i}`));
      await ingest.flush();
      const today = await f.c.views.service.top({ days: 1 });
      expect(today[0]!.article.id).toBe(id('d'));
      expect(today[0]!.views).toBe(3);
      const allTime = await f.c.views.service.top();
      expect(allTime.map((t) => t.article.id)).toContain(id('a'));
      await expect(f.c.views.service.top({ days: 9 })).rejects.toMatchObject({ code: 'JD_ERR_VALIDATION' });
    });

    it('writes what is buffered when it closes, and counts nothing after', async () => {
      const ingest = f.c.views.ingest;
      const before = (await counts('a')).total;
      ingest.record(beacon(id('a'), sid(40), '192.0.2.80'));
      await ingest.close();
      expect((await counts('a')).total).toBe(before + 1);
      expect(ingest.record(beacon(id('a'), sid(41), '192.0.2.81'))).toBe('dropped');
    });
  });
}
