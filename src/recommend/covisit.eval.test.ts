import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../db/dialects.testkit.js';
import { CovisitRepo } from './covisit.repo.js';
import { beacon, sid, viewsFixture, type ViewsFixture } from './views.testkit.js';

// Offline evaluation of 推薦閱讀 (issue 5, item 7): simulated anonymous sessions with planted
// reading patterns ("readers of A also read B"), noise, and one article nearly everyone reads.
// Co-visitation must recover every planted partner as the top neighbour, both ways, although
// the popular article co-occurs with each A more often than B does.

const SECTIONS = ['world', 'asia', 'tech', 'sports'];
const ARTICLES = 40;
const PLANTED = 8;
const SESSIONS = 2000;

/** A small deterministic PRNG (mulberry32), so every run simulates the same readers. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// n0 is the article everyone reads; A_i = n(1+2i), B_i = n(2+2i); the rest are background.
const key = (n: number) => `n${n}`;
const A = (i: number) => key(1 + 2 * i);
const B = (i: number) => key(2 + 2 * i);

for (const dialect of testDialects()) {
  describe.skipIf(dialect.skip)(`co-visitation evaluation on ${dialect.name}`, () => {
    let f: ViewsFixture;
    const id = (k: string) => f.ids.get(k)!;
    const keyOf = (n: number) => [...f.ids].find(([, v]) => v === n)![0];

    beforeAll(async () => {
      f = await viewsFixture(
        dialect,
        Array.from({ length: ARTICLES }, (_, n) => [key(n), SECTIONS[n % SECTIONS.length]!] as const),
      );
      const random = rng(7);
      const ingest = f.c.views.ingest;
      for (let s = 0; s < SESSIONS; s++) {
        const reads: string[] = [];
        if (random() < 0.8) reads.push(key(0));
        if (random() < 0.6) {
          const i = Math.floor(random() * PLANTED);
          reads.push(A(i));
          if (random() < 0.7) reads.push(B(i));
        }
        const extra = Math.floor(random() * 3);
        for (let e = 0; e < extra; e++) reads.push(key(1 + Math.floor(random() * (ARTICLES - 1))));
        // Readers open articles in any order, 30 s apart; sessions start 5 s apart.
        reads.sort(() => random() - 0.5);
        const address = `10.${(s >> 8) & 255}.${s & 255}.1`;
        for (let r = 0; r < reads.length; r++) {
          f.now += r === 0 ? 5_000 : 30_000;
          ingest.record(beacon(id(reads[r]!), sid(s + 1), address));
        }
        if (s % 200 === 199) await ingest.flush();
      }
      await ingest.flush();
    }, 120_000);
    afterAll(async () => {
      await f?.close();
    });

    it('recovers every planted partner as the top neighbour, in both directions', async () => {
      let hits = 0;
      for (let i = 0; i < PLANTED; i++) {
        const fromA = await f.c.views.covisit.neighbours(id(A(i)));
        const fromB = await f.c.views.covisit.neighbours(id(B(i)));
        if (keyOf(fromA[0]!.articleId) === B(i)) hits++;
        if (keyOf(fromB[0]!.articleId) === A(i)) hits++;
      }
      console.info(`[${dialect.name}] co-visitation recall@1 of planted pairs: ${hits}/${2 * PLANTED}`);
      expect(hits).toBe(2 * PLANTED);
    });

    it('ranks by similarity, not raw counts: the article everyone reads does not top the lists', async () => {
      const { pairs } = await new CovisitRepo(f.c.db.kysely).neighbourhood(id(A(0)), 50);
      const raw = (k: string) => pairs.find((p) => p.otherId === id(k))!.weight;
      // The popular article was read with A more often than A's partner was …
      expect(raw(key(0))).toBeGreaterThan(raw(B(0)));
      // … yet ranks below it.
      const ranked = (await f.c.views.covisit.neighbours(id(A(0)))).map((n) => keyOf(n.articleId));
      expect(ranked.indexOf(key(0))).toBeGreaterThan(ranked.indexOf(B(0)));
    });

    it('puts the partner first in the 推薦閱讀 block and honours exclusions', async () => {
      const article = await f.c.site.reader.published(id(A(3)));
      const shown = await f.c.views.covisit.recommended(article, 6, []);
      expect(keyOf(shown[0]!.id)).toBe(B(3));
      expect(shown.map((a) => a.id)).not.toContain(article.id);
      const without = await f.c.views.covisit.recommended(article, 6, [id(B(3))]);
      expect(without.map((a) => a.id)).not.toContain(id(B(3)));
      expect(without).toHaveLength(6);
    });

    it('keeps only the strongest neighbours of an article when trimmed, and its session count', async () => {
      const repo = new CovisitRepo(f.c.db.kysely);
      const before = await repo.neighbourhood(id(A(1)), 50);
      await repo.trim([id(A(1))], 3, 0);
      const after = await repo.neighbourhood(id(A(1)), 50);
      expect(after.pairs.length).toBeLessThanOrEqual(3);
      expect(after.pairs.map((p) => p.otherId)).toEqual(before.pairs.slice(0, after.pairs.length).map((p) => p.otherId));
      expect(after.reads).toBe(before.reads);
      expect(after.reads).toBeGreaterThan(0);
    });

    /** Replaces the co-visit rows of `me` with its own row (`reads`) and the given pairs. */
    const plant = async (me: number, reads: number, pairs: ReadonlyArray<readonly [number, number]>) => {
      const k = f.c.db.kysely;
      await k.deleteFrom('covisit_pairs').where('article_id', '=', me).execute();
      await k
        .insertInto('covisit_pairs')
        .values([{ article_id: me, other_id: me, weight: reads }, ...pairs.map(([other_id, weight]) => ({ article_id: me, other_id, weight }))])
        .execute();
    };

    it('keeps exactly that many when neighbours tie at the cut, as pages rank them', async () => {
      // Co-visits added in one flush share a weight: keeping every tie left popular articles
      // thousands of pairs, read by each of their pages.
      const repo = new CovisitRepo(f.c.db.kysely);
      const me = id(key(ARTICLES - 1));
      const others = [...f.ids.values()].filter((n) => n !== me).slice(0, 10);
      await plant(me, 9, others.map((o, i) => [o, i < 2 ? 5 : 1]));
      const before = await repo.neighbourhood(me, 50);
      await repo.trim([me], 4, 0);
      const after = await repo.neighbourhood(me, 50);
      expect(after.pairs.map((p) => p.otherId)).toEqual(before.pairs.slice(0, 4).map((p) => p.otherId));
      expect(after.pairs.slice(2).map((p) => p.weight)).toEqual([1, 1]);
      expect(after.reads).toBe(9);
    });

    it("reads only the strongest neighbours, and the article's own reads whatever their weight", async () => {
      const repo = new CovisitRepo(f.c.db.kysely);
      const me = id(key(ARTICLES - 2));
      const others = [...f.ids.values()].filter((n) => n !== me);
      // The own row below most pairs: only made up here (a session reading both reads each).
      await plant(me, 3.5, others.map((o, i) => [o, 1 + (i % 7)]));
      const got = await repo.neighbourhood(me, 5);
      const expected = others
        .map((o, i) => ({ otherId: o, weight: 1 + (i % 7) }))
        .sort((a, b) => b.weight - a.weight || b.otherId - a.otherId)
        .slice(0, 5);
      expect(got.pairs.map(({ otherId, weight }) => ({ otherId, weight }))).toEqual(expected);
      expect(got.reads).toBe(3.5);
      // Each neighbour's own reads come with it (null where it has no own row).
      const own = await f.c.db.kysely.selectFrom('covisit_pairs').select(['article_id', 'weight']).whereRef('article_id', '=', 'other_id').execute();
      const ownOf = new Map(own.map((r) => [r.article_id, Number(r.weight)]));
      expect(got.pairs.map((p) => p.reads)).toEqual(got.pairs.map((p) => ownOf.get(p.otherId) ?? null));
    });
  });
}
