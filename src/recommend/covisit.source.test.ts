import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../db/dialects.testkit.js';
import { CovisitBlock } from './covisit.source.js';
import { CovisitRepo } from './covisit.repo.js';
import { PopularLists } from './popular.js';
import { PopularRepo } from './popular.repo.js';
import { ViewsRepo } from './views.repo.js';
import { beacon, viewsFixture, type ViewsFixture } from './views.testkit.js';

// 推薦閱讀's fallbacks: without co-visits, the most read of the article's top-level section over
// 24 hours, then over 7 days, then the simple rule.
for (const dialect of testDialects()) {
  describe.skipIf(dialect.skip)(`recommended reading fallbacks on ${dialect.name}`, () => {
    let f: ViewsFixture;
    let block: CovisitBlock;
    let reader = 0;
    const id = (key: string) => f.ids.get(key)!;
    const keyOf = (n: number) => [...f.ids].find(([, v]) => v === n)?.[0] ?? 'fallback';
    const recommended = async (key: string) => (await block.recommended(await f.c.site.reader.published(id(key)), 4, [])).map((a) => keyOf(a.id));
    // Pixel-style reads (no session): counted, never paired.
    const read = async (key: string, times: number) => {
      for (let i = 0; i < times; i++) f.c.views.ingest.record(beacon(id(key), undefined, `192.0.2.${++reader}`));
      await f.c.views.ingest.flush();
    };

    beforeAll(async () => {
      f = await viewsFixture(dialect, [
        ['x1', 'tech'],
        ['x2', 'tech'],
        ['x3', 'tech'],
        ['y1', 'sports'],
        ['w1', 'asia'],
        ['z', 'tech'],
        ['zw', 'world'],
      ]);
      const k = f.c.db.kysely;
      const popular = new PopularRepo(k);
      // No caching here: the test moves the clock and wants to see each change.
      const lists = new PopularLists({ views: new ViewsRepo(k), popular, sectionService: f.c.sections, clock: () => f.now, ttlMs: 0 });
      const fallback = { recommended: async (_a: unknown, limit: number, exclude: readonly number[]) => (await f.c.site.reader.latest({ excludeIds: exclude }, limit)).map((a) => ({ ...a, id: -a.id })) };
      block = new CovisitBlock({ covisit: new CovisitRepo(k), lists, popular, reader: f.c.site.reader, clock: () => f.now, fallback });
    });
    afterAll(async () => {
      await f?.close();
    });

    it('falls back to the most read of the last 24 hours in the section', async () => {
      await read('x1', 3);
      await read('x2', 2);
      await read('y1', 5);
      expect(await recommended('z')).toEqual(['x1', 'x2', 'fallback', 'fallback']);
    });

    it('counts a sub-section in its top-level section', async () => {
      await read('w1', 1);
      expect((await recommended('zw'))[0]).toBe('w1');
    });

    it('then to the last 7 days, after the last 24 hours', async () => {
      f.now += 2 * 86_400_000;
      await read('x3', 1);
      expect(await recommended('z')).toEqual(['x3', 'x1', 'x2', 'fallback']);
    });

    it('then to the simple rule when nothing was read for a week', async () => {
      f.now += 9 * 86_400_000;
      await f.c.views.ingest.maintain();
      expect(await recommended('z')).toEqual(['fallback', 'fallback', 'fallback', 'fallback']);
    });
  });
}
