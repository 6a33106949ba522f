import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../config/index.js';
import { createContainer, type Container } from '../container.js';
import { testDialects } from '../db/dialects.testkit.js';
import type { AppError } from '../errors/index.js';
import { EventBus } from '../events/bus.js';
import { readCorpus } from './related-corpus.testkit.js';
import { RelatedRepo } from './related.repo.js';
import { RelatedService, type RelatedServiceDeps } from './related.service.js';
import { StoredRelatedSource } from './related.source.js';
import { SimpleSources } from './simple.js';
import { RelatedText } from './related-text.js';
import { Segmenter } from '../zh/segment.js';

const segmenter = new Segmenter();
const stories = readCorpus().filter((a) => /^(typhoon|dengue)-\d$/.test(a.key));

for (const dialect of testDialects()) {
  describe.skipIf(dialect.skip)(`related reading service on ${dialect.name}`, () => {
    let c: Container;
    let repo: RelatedRepo;
    const idOf = new Map<string, number>();

    /** A second service over the same database, with some of its parts replaced. */
    const service = (over: Partial<RelatedServiceDeps>, logged: AppError[]) =>
      new RelatedService({
        repo,
        transaction: (work) => c.db.kysely.transaction().execute((trx) => work(new RelatedRepo(trx))),
        reader: c.site.reader,
        text: async () => {
          throw new Error('not used');
        },
        now: () => new Date(),
        log: (err) => logged.push(err),
        ...over,
      });

    beforeAll(async () => {
      const db = await dialect.open();
      c = await createContainer(testConfig({ data: `/tmp/jd-related-svc-${dialect.name}-${process.pid}` }), { db });
      repo = new RelatedRepo(db.kysely);
      await c.sections.create({ slug: 'society', name: '社會', position: 1 }, '2026-08-01T00:00:00.000Z');
      for (const a of stories) {
        const { key, cluster: _c, dupOf: _d, ...input } = a;
        idOf.set(key, (await c.articles.create(input)).id);
      }
    }, 60_000);
    afterAll(async () => {
      await c?.close();
    });

    it('logs a computation that fails and keeps the previous list, vector and fingerprint', async () => {
      const id = idOf.get('typhoon-3')!;
      const before = { lists: await repo.lists([id]), docs: await repo.docs([id]) };
      expect(before.lists.get(id)!.length).toBeGreaterThan(0);
      const logged: AppError[] = [];
      const failing = service({ text: async () => Promise.reject(new Error('segmenter crashed')) }, logged);
      const bus = new EventBus();
      failing.subscribe(bus);
      await bus.emit({ type: 'article.saved', articleId: id, status: 'published', previousStatus: 'published' });
      expect(logged.map((e) => e.code)).toEqual(['JD_ERR_RECOMMEND_COMPUTE_FAILED']);
      expect(logged[0]!.message).toContain(`article ${id}`);
      expect(logged[0]!.message).toContain('segmenter crashed');
      expect(await repo.lists([id])).toEqual(before.lists);

      // A failure while writing rolls the whole write back.
      const text = new RelatedText({ segmenter: async () => segmenter });
      const brokenDisk = service(
        {
          text: () => text.tools(),
          transaction: (work) =>
            c.db.kysely.transaction().execute(async (trx) => {
              await work(new RelatedRepo(trx));
              throw new Error('disk full');
            }),
        },
        logged,
      );
      const bus2 = new EventBus();
      brokenDisk.subscribe(bus2);
      await bus2.emit({ type: 'article.saved', articleId: id, status: 'published', previousStatus: 'published' });
      expect(logged).toHaveLength(2);
      expect(logged[1]!.message).toContain('disk full');
      expect(await repo.lists([id])).toEqual(before.lists);
      expect(await repo.docs([id])).toEqual(before.docs);
    });

    it('withdraws a deleted article from every list and refills the lists it left', async () => {
      const id = idOf.get('dengue-2')!;
      expect((await repo.listsContaining(id)).length).toBeGreaterThan(0);
      await c.events.emit({ type: 'article.deleted', articleId: id });
      expect(await repo.listsContaining(id)).toEqual([]);
      expect(await repo.docs([id])).toEqual([]);
      const d1 = idOf.get('dengue-1')!;
      expect((await repo.lists([d1])).get(d1)!.length).toBeGreaterThanOrEqual(4);
      await c.related.service.refresh(id);
      expect((await repo.listsContaining(id)).length).toBeGreaterThan(0);
    });

    it('falls back to the simple rules for an article not computed yet, and never to a near-duplicate', async () => {
      const id = idOf.get('typhoon-4')!;
      const article = await c.site.reader.published(id);
      await c.db.kysely.deleteFrom('related_lists').where('article_id', '=', id).execute();
      const source = new StoredRelatedSource({ repo, reader: c.site.reader, fallback: new SimpleSources({ reader: c.site.reader }) });
      const got = await source.related(article, 6);
      expect(got.map((a) => a.id)).not.toContain(id);
      expect(got.length).toBeGreaterThan(0);
      // The simple rules would list the wire copy (same tags, same section); the top-up does not.
      const keys = got.map((a) => [...idOf].find(([, v]) => v === a.id)![0]);
      expect(keys.filter((k) => k === 'typhoon-1' || k === 'typhoon-1w').length).toBeLessThanOrEqual(1);
      await c.related.service.refresh(id);
      expect((await repo.lists([id])).get(id)!.length).toBeGreaterThan(0);
    });

    it('recomputes a list from stored vectors, and withdraws an id with no article', async () => {
      const id = idOf.get('typhoon-5')!;
      const stored = (await repo.lists([id])).get(id)!.map((e) => e.relatedId);
      expect(await c.related.service.recomputeList(id)).toEqual(stored);
      expect(await c.related.service.refresh(999_999)).toEqual([]);
      expect(await c.related.service.recomputeList(999_999)).toEqual([]);
    });
  });
}
