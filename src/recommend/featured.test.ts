import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../db/dialects.testkit.js';
import { FeaturedBlock } from './featured.source.js';
import { PopularLists } from './popular.js';
import { PopularRepo } from './popular.repo.js';
import { ViewsRepo } from './views.repo.js';
import { beacon, sid, T0, viewsFixture, type ViewsFixture } from './views.testkit.js';

// 精彩推薦: editors' picks in order with expiry, filled up by hot articles in the article's
// top-level section, then site-wide, then the fallback; `exclude` always honoured.
for (const dialect of testDialects()) {
  describe.skipIf(dialect.skip)(`featured on ${dialect.name}`, () => {
    let f: ViewsFixture;
    let lists: PopularLists;
    let block: FeaturedBlock;
    let session = 0;
    const id = (key: string) => f.ids.get(key)!;
    const keyOf = (n: number) => [...f.ids].find(([, v]) => v === n)![0];
    const featured = async (key: string, exclude: string[] = [], limit = 6) => {
      lists.clear();
      const article = await f.c.site.reader.published(id(key));
      return (await block.featured(article, limit, exclude.map(id))).map((a) => keyOf(a.id));
    };
    const read = async (key: string, times: number) => {
      for (let i = 0; i < times; i++) f.c.views.ingest.record(beacon(id(key), sid(++session), `198.51.100.${session % 250}`));
      await f.c.views.ingest.flush();
    };

    beforeAll(async () => {
      f = await viewsFixture(dialect, [
        ['p1', 'tech', true],
        ['p2', 'sports', true],
        ['p3', 'world', true],
        ['w1', 'world'],
        ['w2', 'asia'],
        ['w3', 'world'],
        ['t1', 'tech'],
        ['t2', 'tech'],
        ['s1', 'sports'],
      ]);
      const k = f.c.db.kysely;
      const popular = new PopularRepo(k);
      lists = new PopularLists({ views: new ViewsRepo(k), popular, sectionService: f.c.sections, clock: () => f.now });
      const fallback = { featured: async () => [await f.c.site.reader.published(id('t2'))] };
      block = new FeaturedBlock({ picks: f.c.views.featured, lists, popular, reader: f.c.site.reader, fallback });
    });
    afterAll(async () => {
      await f?.close();
    });

    it('shows flagged articles in the editors’ order, unplaced ones after, then the fallback', async () => {
      await f.c.views.featured.place(id('p2'), { position: 0 });
      await f.c.views.featured.place(id('p1'), { position: 1 });
      // A placed article without the featured flag is not a pick.
      await f.c.views.featured.place(id('w3'), { position: 0 });
      expect(await featured('s1')).toEqual(['p2', 'p1', 'p3', 't2']);
    });

    it('drops a pick when it expires', async () => {
      await f.c.views.featured.place(id('p2'), { position: 0, expiresAt: new Date(T0 + 3_600_000).toISOString() });
      expect((await featured('s1'))[0]).toBe('p2');
      f.now = T0 + 2 * 3_600_000;
      expect(await featured('s1')).toEqual(['p1', 'p3', 't2']);
      const listed = await f.c.views.featured.list();
      expect(listed.find((p) => p.articleId === id('p2'))).toMatchObject({ active: false });
      expect(listed.find((p) => p.articleId === id('w3'))).toMatchObject({ active: false, featured: false });
    });

    it('fills up with what is hot in the article’s top-level section first, then site-wide', async () => {
      await read('t1', 5);
      await read('w1', 3);
      await read('w2', 2); // asia is below world
      await read('s1', 1);
      // For a world article: picks, then world's hot (w1, w2), then site-wide (t1, s1).
      expect(await featured('w3')).toEqual(['p1', 'p3', 'w1', 'w2', 't1', 's1']);
      // For a tech article: picks, tech's hot (t1), then site-wide by heat.
      expect(await featured('t2')).toEqual(['p1', 'p3', 't1', 'w1', 'w2', 's1']);
    });

    it('never shows the article itself or what the page already shows', async () => {
      expect(await featured('w1', ['p1', 't1'])).toEqual(['p3', 'w2', 's1', 't2']);
      expect(await featured('p3')).not.toContain('p3');
    });

    it('lets views fade with the half-life: recent reading outranks old reading', async () => {
      await read('t2', 8); // t2 is now hotter than t1 (5)
      expect((await featured('s1', ['p1', 'p3']))[0]).toBe('t2');
      await f.c.views.ingest.maintain(); // records the start of decay
      f.now += 24 * 3_600_000;
      await read('t1', 1);
      // Maintenance runs every 10 minutes; a day at a 6-hour half-life divides old heat by 16.
      await f.c.views.ingest.maintain();
      await read('t1', 1);
      const order = await featured('s1', ['p1', 'p3']);
      expect(order.indexOf('t1')).toBeLessThan(order.indexOf('t2'));
    });

    it('gives the home page the same active picks in order, then what is hot site-wide', async () => {
      lists.clear();
      const home = (await block.siteWide(6)).map((a) => keyOf(a.id));
      // p2's pick expired above; p1 and p3 stay in the editors' order; t1 is now the hottest.
      expect(home.slice(0, 3)).toEqual(['p1', 'p3', 't1']);
      expect(home).toHaveLength(6);
      expect(new Set(home).size).toBe(6);
      await f.c.views.featured.place(id('p3'), { position: 0 });
      await f.c.views.featured.place(id('p1'), { position: 5 });
      lists.clear();
      expect((await block.siteWide(2)).map((a) => keyOf(a.id))).toEqual(['p3', 'p1']);
    });
  });
}
