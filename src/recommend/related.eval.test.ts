import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../config/index.js';
import { createContainer, type Container } from '../container.js';
import { testDialects } from '../db/dialects.testkit.js';
import { CORPUS_SECTIONS, readCorpus, type CorpusArticle } from './related-corpus.testkit.js';
import { RelatedRepo } from './related.repo.js';

// Offline evaluation of related reading and near-duplicate detection (issue 5, item 7) on a
// corpus written for the project: 8 topic clusters in both scripts, 4 wire copies, 1 draft.
// Articles are published one by one in time order, as a newsroom would: every list is built
// by the publish path (compute at publish, enter older lists), not by a batch job.

const corpus = readCorpus();
const MIN_PRECISION = 0.8;

/** Mean fraction of each published article's top-5 stored list that is in its cluster. */
function precisionAt5(lists: Map<number, Array<{ relatedId: number }>>, byId: Map<number, CorpusArticle>): { mean: number; worst: string[] } {
  const scores: Array<{ key: string; p: number }> = [];
  for (const [id, list] of lists) {
    const a = byId.get(id)!;
    const hits = list.slice(0, 5).filter((e) => byId.get(e.relatedId)?.cluster === a.cluster).length;
    scores.push({ key: a.key, p: hits / 5 });
  }
  const mean = scores.reduce((s, x) => s + x.p, 0) / scores.length;
  return { mean, worst: scores.filter((s) => s.p < 0.6).map((s) => `${s.key}:${s.p}`) };
}

for (const dialect of testDialects()) {
  describe.skipIf(dialect.skip)(`related reading evaluation on ${dialect.name}`, () => {
    let c: Container;
    let repo: RelatedRepo;
    const idOf = new Map<string, number>();
    const byId = new Map<number, CorpusArticle>();
    const published = () => corpus.filter((a) => a.status === 'published').map((a) => idOf.get(a.key)!);
    const twin = (a: CorpusArticle) => corpus.find((b) => b.dupOf === a.key)?.key ?? a.dupOf;

    beforeAll(async () => {
      const db = await dialect.open();
      c = await createContainer(testConfig({ data: `/tmp/jd-related-${dialect.name}-${process.pid}` }), { db });
      repo = new RelatedRepo(db.kysely);
      for (const s of CORPUS_SECTIONS) await c.sections.create(s, '2026-08-01T00:00:00.000Z');
      const inOrder = [...corpus].sort((a, b) => a.publishedAt.localeCompare(b.publishedAt));
      for (const a of inOrder) {
        const { key: _key, cluster: _cluster, dupOf: _dup, ...input } = a;
        const view = await c.articles.create(input);
        idOf.set(a.key, view.id);
        byId.set(view.id, a);
      }
    }, 120_000);
    afterAll(async () => {
      await c?.close();
    });

    it(`keeps precision@5 at or above ${MIN_PRECISION} when lists are built publish by publish`, async () => {
      const { mean, worst } = precisionAt5(await repo.lists(published()), byId);
      console.info(`[${dialect.name}] related reading precision@5 (incremental): ${mean.toFixed(3)}${worst.length ? `; weakest: ${worst.join(', ')}` : ''}`);
      expect(mean).toBeGreaterThanOrEqual(MIN_PRECISION);
    });

    it('never lists the article itself, an unpublished article or a near-duplicate pair', async () => {
      const lists = await repo.lists(published());
      const draft = idOf.get('chips-7')!;
      for (const [id, list] of lists) {
        const a = byId.get(id)!;
        const ids = list.map((e) => e.relatedId);
        expect(ids, a.key).not.toContain(id);
        expect(ids, a.key).not.toContain(draft);
        const t = twin(a);
        if (t) expect(ids, `${a.key} lists its wire copy`).not.toContain(idOf.get(t));
        for (const dup of corpus.filter((x) => x.dupOf)) {
          const both = [idOf.get(dup.key)!, idOf.get(dup.dupOf!)!];
          expect(both.every((x) => ids.includes(x)), `${a.key} lists both ${dup.key} and ${dup.dupOf}`).toBe(false);
        }
      }
    });

    it('shows readers the stored list, published articles only, without near-duplicates', async () => {
      for (const key of ['typhoon-1', 'chips-2w', 'film-3', 'rates-1', 'baseball-5']) {
        const article = await c.site.reader.published(idOf.get(key)!);
        const blocks = await c.site.recommender.blocks(article);
        const keys = blocks.related.map((r) => byId.get(r.id)!.key);
        // Every cluster has at least five other members; fewer would mean a missing fallback.
        expect(keys.length, key).toBeGreaterThanOrEqual(5);
        expect(keys, key).not.toContain(key);
        expect(keys, key).not.toContain('chips-7');
        if (twin(byId.get(article.id)!)) expect(keys, key).not.toContain(twin(byId.get(article.id)!));
        expect(blocks.related.every((r) => r.status === 'published')).toBe(true);
      }
    });

    it('lets newer articles into the lists of older ones', async () => {
      const lists = await repo.lists([idOf.get('typhoon-1')!, idOf.get('dengue-1')!]);
      const later = (key: string) => lists.get(idOf.get(key)!)!.map((e) => byId.get(e.relatedId)!.key);
      // typhoon-1 was published first in its cluster: every other member came after it.
      expect(later('typhoon-1')).toEqual(expect.arrayContaining(['typhoon-2', 'typhoon-3', 'typhoon-4', 'typhoon-5', 'typhoon-6']));
      expect(later('dengue-1').slice(0, 5).every((k) => k.startsWith('dengue-'))).toBe(true);
    });

    it('tells the editor which article a wire copy looks like, and nothing for original stories', async () => {
      for (const dup of corpus.filter((a) => a.dupOf)) {
        const found = await c.related.service.nearDuplicates(idOf.get(dup.key)!);
        expect(found.map((d) => byId.get(d.article.id)!.key), dup.key).toEqual([dup.dupOf]);
        const back = await c.related.service.nearDuplicates(idOf.get(dup.dupOf!)!);
        expect(back.map((d) => byId.get(d.article.id)!.key), dup.dupOf).toEqual([dup.key]);
      }
      for (const key of ['typhoon-3', 'haze-5', 'ev-1', 'baseball-2']) expect(await c.related.service.nearDuplicates(idOf.get(key)!), key).toEqual([]);
      // A draft is checked against published articles too.
      expect(await c.related.service.nearDuplicates(idOf.get('chips-7')!)).toEqual([]);
    });

    it('drops an unpublished article from every list and takes it back when republished', async () => {
      const id = idOf.get('ev-2')!;
      const before = await c.site.reader.any(id);
      const input = { ...corpusInput(byId.get(id)!), status: 'draft' };
      const draft = await c.articles.update(id, before.version, input);
      const holders = await repo.listsContaining(id);
      expect(holders).toEqual([]);
      expect((await repo.lists([id])).get(id)).toEqual([]);
      // Lists that lost it were recomputed from the articles still published.
      const ev1 = (await repo.lists([idOf.get('ev-1')!])).get(idOf.get('ev-1')!)!.map((e) => byId.get(e.relatedId)!.key);
      expect(ev1).toEqual(expect.arrayContaining(['ev-3', 'ev-4', 'ev-5', 'ev-6']));
      await c.articles.update(id, draft.version, { ...input, status: 'published' });
      expect((await repo.listsContaining(id)).length).toBeGreaterThan(0);
      expect((await repo.lists([id])).get(id)!.length).toBeGreaterThan(0);
    });

    it('rebuilds every list at the same quality', async () => {
      const r = await c.related.service.rebuild();
      expect(r.articles).toBe(published().length);
      const { mean, worst } = precisionAt5(await repo.lists(published()), byId);
      console.info(`[${dialect.name}] related reading precision@5 (rebuild): ${mean.toFixed(3)}${worst.length ? `; weakest: ${worst.join(', ')}` : ''}`);
      expect(mean).toBeGreaterThanOrEqual(MIN_PRECISION);
    });
  });
}

function corpusInput(a: CorpusArticle) {
  const { key: _key, cluster: _cluster, dupOf: _dup, ...input } = a;
  return input;
}
