import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../db/dialects.testkit.js';
import { newsroomHarness, type NewsroomHarness } from './newsroom.testkit.js';

const BASE = '/api/v1/admin/articles';

for (const dialect of testDialects()) {
  describe.skipIf(dialect.skip)(`the admin list's date range and order without a search term on ${dialect.name}`, () => {
    let h: NewsroomHarness;
    const ids: Record<string, number> = {};
    const list = async (q: string, who: 'editor' | 'author' = 'editor') => {
      const res = await h.call(who, 'GET', `${BASE}?section=tech&${q.includes('limit=') ? '' : 'limit=100&'}${q}`);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json.articles as Array<{ id: number }>).map((a) => a.id);
    };
    const names = async (q: string, who: 'editor' | 'author' = 'editor') => {
      const byId = Object.fromEntries(Object.entries(ids).map(([k, v]) => [v, k]));
      return (await list(q, who)).map((id) => byId[id]);
    };

    beforeAll(async () => {
      h = await newsroomHarness(await dialect.open());
      // Back-dated copy counts as last changed when it was published (ArticleService.create), so
      // the one never-published draft is the most recently changed.
      const seed: Array<[string, 'editor' | 'author', string | null]> = [
        ['Banana', 'editor', '2026-03-01T17:00:00Z'],
        ['Apple', 'editor', '2026-02-10T04:00:00Z'],
        ['Cherry', 'author', null],
        ['Durian', 'editor', '2026-03-05T04:00:00Z'],
      ];
      for (const [title, who, publishedAt] of seed) {
        h.clock.advance(60_000);
        const a = await h.draft(who === 'author' ? 'author' : 'editor', { title, section: 'tech', ...(publishedAt ? { publishedAt } : {}) });
        ids[title] = a.id;
      }
    });
    afterAll(async () => {
      await h?.close();
    });

    it('orders by last change by default, by publish time (never-published last) or by title', async () => {
      expect(await names('')).toEqual(['Cherry', 'Durian', 'Banana', 'Apple']);
      expect(await names('sort=updated')).toEqual(['Cherry', 'Durian', 'Banana', 'Apple']);
      expect(await names('sort=published')).toEqual(['Durian', 'Banana', 'Apple', 'Cherry']);
      expect(await names('sort=title')).toEqual(['Apple', 'Banana', 'Cherry', 'Durian']);
      // Pages follow the order.
      expect(await names('sort=title&limit=2&page=2')).toEqual(['Cherry', 'Durian']);
    });

    it('narrows to publish days in the newsroom time zone, both ends inclusive', async () => {
      const tz = h.c.config.timezone;
      // 2026-03-01T17:00Z is 2 March in Taipei (UTC+8) but 1 March in UTC.
      const banana = tz === 'UTC' ? '2026-03-01' : '2026-03-02';
      expect(await names(`from=${banana}&to=${banana}`)).toEqual(['Banana']);
      expect(await names('from=2026-02-01&to=2026-02-28')).toEqual(['Apple']);
      expect(await names('from=2026-03-03&sort=title')).toEqual(['Durian']);
      expect(await names('to=2026-02-28')).toEqual(['Apple']);
      const res = await h.call('editor', 'GET', `${BASE}?section=tech&from=2026-02-01&to=2026-03-31`);
      expect(res.json.meta.total).toBe(3);
    });

    it('keeps members to their own articles within a range and an order', async () => {
      expect(await names('sort=title', 'author')).toEqual(['Cherry']);
      expect(await names('from=2026-01-01', 'author')).toEqual([]);
    });

    it('answers bad dates and orders with a message per field', async () => {
      const bad = await h.call('editor', 'GET', `${BASE}?from=2026-13-01&to=yesterday&sort=random`);
      expect(bad.statusCode).toBe(400);
      expect(Object.keys(bad.json.error.fields).sort()).toEqual(['from', 'sort', 'to']);
      const reversed = await h.call('editor', 'GET', `${BASE}?from=2026-03-05&to=2026-03-01`);
      expect(reversed.statusCode).toBe(400);
      expect(reversed.json.error.fields.to).toBeDefined();
      const relevance = await h.call('editor', 'GET', `${BASE}?sort=relevance`);
      expect(relevance.statusCode).toBe(400);
      expect(relevance.json.error.fields.sort).toMatch(/search term/);
      const titleWithQ = await h.call('editor', 'GET', `${BASE}?q=Apple&sort=title`);
      expect(titleWithQ.statusCode).toBe(400);
      expect(titleWithQ.json.error.fields.sort).toBeDefined();
    });
  });
}
