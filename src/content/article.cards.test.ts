import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../config/index.js';
import { createContainer, type Container } from '../container.js';
import { testDialects } from '../db/dialects.testkit.js';
import { EventBus } from '../events/bus.js';
import type { Cluster, ClusterMessage } from '../events/cluster.js';
import { CardCache } from './article.cards.js';
import { buildIndex } from './section.service.js';
import type { ArticleView } from './views.js';

const index = (name = '國際') => buildIndex([{ id: 1, slug: 'world', name, parent_id: null, position: 1, description: '', created_at: '', updated_at: '' } as never]);
const view = (id: number, name = '國際') => ({ id, version: 1, bodyHtml: '<p>x</p>', section: { id: 1, slug: 'world', name, url: '/world/', parentId: null, position: 1 } }) as unknown as ArticleView;

describe('CardCache', () => {
  it('keeps cards without their body until forgotten, the TTL passes or the section changes', () => {
    let now = 0;
    const cache = new CardCache({ clock: () => now, ttlMs: 1000 });
    expect(cache.keep(view(1)).bodyHtml).toBe('');
    expect(cache.card(1, index())?.id).toBe(1);
    cache.forget(1);
    expect(cache.card(1, index())).toBeUndefined();
    cache.keep(view(1));
    expect(cache.card(1, index('世界'))).toBeUndefined(); // renamed section: read again
    cache.keep(view(2));
    now = 1000;
    expect(cache.card(2, index())).toBeUndefined();
  });

  it('keeps at most maxCards cards, the oldest kept going first', () => {
    const cache = new CardCache({ maxCards: 2 });
    cache.keep(view(1));
    cache.keep(view(2));
    cache.keep(view(1)); // kept again: now the newest
    cache.keep(view(3));
    expect(cache.card(2, index())).toBeUndefined();
    expect(cache.card(1, index())?.id).toBe(1);
    expect(cache.card(3, index())?.id).toBe(3);
    expect(cache.maxCards).toBe(2);
  });

  it('shares a list until any article changes, and never keeps a failed load', async () => {
    const cache = new CardCache();
    let loads = 0;
    const load = async () => [++loads];
    expect(await cache.list('k', load)).toEqual([1]);
    expect(await cache.list('k', load)).toEqual([1]);
    cache.forget(99);
    expect(await cache.list('k', load)).toEqual([2]);
    await expect(cache.list('bad', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.list('bad', load)).toEqual([3]);
  });

  it('drops everything when a tag or an author is renamed (cards carry their names)', async () => {
    const events = new EventBus();
    const cache = new CardCache();
    cache.follow(events);
    let loads = 0;
    const load = async () => [++loads];
    cache.keep(view(1));
    await cache.list('k', load);
    await events.emit({ type: 'taxonomy.changed', kind: 'tag', ids: [1], slugs: ['ai'] });
    expect(cache.card(1, index())).toBeUndefined();
    expect(await cache.list('k', load)).toEqual([2]);
    cache.keep(view(1));
    await events.emit({ type: 'author.changed', userId: 1, slug: 'lin' });
    expect(cache.card(1, index())).toBeUndefined();
    expect(await cache.list('k', load)).toEqual([3]);
  });
});

// Through the container: saves reach the reader's caches by the event bus, so what pages show
// (cards, newest lists) is never older than the last save.
for (const dialect of testDialects()) {
  describe.skipIf(dialect.skip)(`ArticleReader cards on ${dialect.name}`, () => {
    let c: Container;
    let dir = '';
    const ids: number[] = [];
    // Another process's messages, delivered by hand.
    const heard: Array<(m: ClusterMessage) => void> = [];
    const cluster: Cluster = { publish: () => {}, onMessage: (h) => void heard.push(h), onResync: () => {}, close: async () => {} };
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'jd-cards-'));
      c = await createContainer(testConfig({ data: dir }), { db: await dialect.open(), cluster });
      await c.sections.create({ slug: 'world', name: '國際', position: 1 }, new Date().toISOString());
      for (let i = 0; i < 3; i++) {
        const a = await c.articles.create({ title: `卡片${i}`, section: 'world', status: 'published', publishedAt: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(), bodyHtml: `<p>第${i}篇。</p>` });
        ids.push(a.id);
      }
    });
    afterAll(async () => {
      await c?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('gives published cards in the order asked, and follows edits and unpublishing', async () => {
      const reader = c.site.reader;
      expect((await reader.cards([ids[2]!, 999_999, ids[0]!])).map((a) => a.title)).toEqual(['卡片2', '卡片0']);
      const before = await c.site.reader.any(ids[0]!);
      const input = { section: 'world', publishedAt: before.publishedAt, bodyHtml: before.bodyHtml };
      await c.articles.update(ids[0]!, before.version, { ...input, title: '改過的標題', status: 'published' });
      expect((await reader.cards([ids[0]!]))[0]!.title).toBe('改過的標題');
      const now = await c.site.reader.any(ids[0]!);
      await c.articles.update(ids[0]!, now.version, { ...input, title: now.title, status: 'draft' });
      expect(await reader.cards([ids[0]!])).toEqual([]);
    });

    it('drops what it keeps when another process says pages changed', async () => {
      const reader = c.site.reader;
      expect((await reader.cards([ids[1]!]))[0]!.title).toBe('卡片1');
      // A save made by another process: this one's bus never carries it.
      await sql`update articles set title = ${'別處改的'} where id = ${ids[1]!}`.execute(c.db.kysely);
      expect((await reader.cards([ids[1]!]))[0]!.title).toBe('卡片1');
      for (const h of heard) h({ type: 'cache.purge', tags: [`article:${ids[1]!}`] });
      expect((await reader.cards([ids[1]!]))[0]!.title).toBe('別處改的');
    });

    it("takes an article page's tags from its card only when the card is of the article's version", async () => {
      const reader = c.site.reader;
      const a = await c.articles.create({ title: '標簽測試', section: 'world', tags: ['舊標簽'], status: 'published', bodyHtml: '<p>正文。</p>' });
      expect((await reader.cards([a.id]))[0]!.tags.map((t) => t.name)).toEqual(['舊標簽']);
      // Another process re-tags the article and its message is lost: rows change, the card does not.
      await sql`update tags set name = ${'新標簽'} where slug = (select t.slug from tags t join article_tags x on x.tag_id = t.id where x.article_id = ${a.id})`.execute(c.db.kysely);
      // Same version: the card's relations stand in for the two queries (as they do in every list).
      expect((await reader.published(a.id)).tags.map((t) => t.name)).toEqual(['舊標簽']);
      // A new version: the card is of an older article, so everything is read.
      await sql`update articles set version = version + 1 where id = ${a.id}`.execute(c.db.kysely);
      const page = await reader.published(a.id);
      expect(page.tags.map((t) => t.name)).toEqual(['新標簽']);
      expect(page.bodyHtml).toBe('<p>正文。</p>');
    });

    it('shares the newest ids until a publish changes them', async () => {
      const reader = c.site.reader;
      const first = await reader.recentIds({}, 10);
      expect(await reader.recentIds({}, 10)).toBe(first);
      const a = await c.articles.create({ title: '最新', section: 'world', status: 'published', bodyHtml: '<p>新。</p>' });
      expect((await reader.recentIds({}, 10))[0]).toBe(a.id);
    });
  });
}
