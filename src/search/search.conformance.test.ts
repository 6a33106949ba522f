import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../container.js';
import { testDialects } from '../db/dialects.testkit.js';
import { isAppError } from '../errors/index.js';
import { hoursAgo, searchFixture, type FixtureKey } from './search.testkit.js';

// One conformance suite for the search backends (SQLite FTS5, PostgreSQL tsvector), run on
// every dialect through the service, as readers and the newsroom use it.
for (const dialect of testDialects()) {
  describe.skipIf(dialect.skip)(`search on ${dialect.name}`, () => {
    let c: Container;
    let ids: Record<FixtureKey, number>;
    let keyOf: (id: number) => string;
    const keys = async (q: string, extra: Record<string, unknown> = {}) => (await c.site.search.search({ q, ...extra })).items.map((h) => keyOf(h.id));

    beforeAll(async () => {
      ({ c, ids, keyOf } = await searchFixture(dialect));
    });
    afterAll(async () => {
      await c?.close();
    });

    it('finds words in either script, whatever script the article is in', async () => {
      for (const q of ['雜誌', '杂志']) expect((await keys(q)).sort(), q).toEqual(['magazine', 'publisher']);
      expect(await keys('颱風')).toEqual(expect.arrayContaining(['typhoon', 'harvest']));
      expect(await keys('台风')).toEqual(expect.arrayContaining(['typhoon', 'harvest']));
    });

    it('matches 2-character words inside longer ones, and names', async () => {
      // 杂志社 is one word; search mode also indexes 杂志 inside it.
      expect(await keys('杂志社')).toEqual(['publisher']);
      expect(await keys('晶片')).toEqual(['chips']);
      expect(await keys('林雨涵')).toEqual(expect.arrayContaining(['magazine', 'harvest', 'chips']));
    });

    it('matches "phrases" only when the words are adjacent', async () => {
      expect(await keys('綠色 債券')).toEqual(expect.arrayContaining(['summit', 'chips']));
      expect(await keys('"綠色債券"')).toEqual(['summit']);
      expect(await keys('“绿色 债券”')).toEqual(['summit']);
    });

    it('excludes -words and accepts either side of OR', async () => {
      expect(await keys('雜誌 -數字')).toEqual(['magazine']);
      expect(await keys('雜誌 -"数字 订阅"')).toEqual(['magazine']);
      expect((await keys('晶片 OR 峰會')).sort()).toEqual(['chips', 'summit']);
      expect((await keys('晶片 | 峰會')).sort()).toEqual(['chips', 'summit']);
    });

    it('ranks title matches above body matches and, at equal relevance, newer first', async () => {
      // gridTitle is 400 hours old with 電網 in its title; gridBody is an hour old with it in the body.
      expect(await keys('電網')).toEqual(['gridTitle', 'gridBody']);
      expect((await keys('警報'))[0]).toBe('typhoon');
      const res = await c.site.search.search({ q: '電網' });
      expect(res.items[0]!.score).toBeGreaterThan(res.items[1]!.score);
    });

    it('filters by section (with sub-sections), tag, author and dates', async () => {
      expect(await keys('峰會', { section: 'world' })).toEqual(['summit']);
      expect(await keys('峰會', { section: 'tech' })).toEqual([]);
      expect(await keys('杂志', { tag: (await c.tags.list(1, 50)).items.find((t) => t.name === '杂志')!.slug })).toEqual(['publisher']);
      expect(await keys('雜誌', { author: 'zhou' })).toEqual(['publisher']);
      expect(await keys('颱風', { from: hoursAgo(24) })).toEqual(['typhoon']);
      expect(await keys('颱風', { to: hoursAgo(24) })).toEqual(['harvest']);
      // Bare dates are days in the site's time zone (Asia/Taipei): NOW is 08:00 on 1 November there.
      expect(await keys('颱風', { from: '2026-11-01' })).toEqual(['typhoon']);
      expect(await keys('颱風', { from: '2026-10-25', to: '2026-10-31' })).toEqual([]);
      expect(await keys('颱風', { from: '2026-10-23', to: '2026-10-24' })).toEqual(['harvest']);
      expect(await keys('颱風', { to: '2026-10-31' })).toEqual(['harvest']);
    });

    it('answers unknown filter values and bad dates with field errors', async () => {
      const err = await c.site.search.search({ q: '雜誌', section: 'nope', tag: 'nope', author: 'nope', from: '2026-13-01' }).catch((e: unknown) => e);
      expect(isAppError(err, 'JD_ERR_VALIDATION')).toBe(true);
      expect(Object.keys((err as { fields: object }).fields).sort()).toEqual(['from']);
      const unknown = await c.site.search.search({ q: '雜誌', section: 'nope', tag: 'nope', author: 'nope' }).catch((e: unknown) => e);
      expect(Object.keys((unknown as { fields: object }).fields).sort()).toEqual(['author', 'section', 'tag']);
      const reversed = await c.site.search.search({ q: '雜誌', from: '2026-11-02', to: '2026-11-01' }).catch((e: unknown) => e);
      expect((reversed as { fields: Record<string, string> }).fields.to).toMatch(/before/);
    });

    it('sorts by date and pages with a total', async () => {
      const byDate = await keys('颱風 OR 雜誌 OR 晶片', { sort: 'date' });
      expect(byDate).toEqual(['typhoon', 'magazine', 'chips', 'publisher', 'harvest']);
      const p2 = await c.site.search.search({ q: '颱風 OR 雜誌 OR 晶片', sort: 'date', page: 2, limit: 2 });
      expect(p2.items.map((h) => keyOf(h.id))).toEqual(['chips', 'publisher']);
      expect({ total: p2.total, page: p2.page, limit: p2.limit, lower: p2.totalIsLowerBound }).toEqual({ total: 5, page: 2, limit: 2, lower: false });
      const p3 = await c.site.search.search({ q: '颱風 OR 雜誌 OR 晶片', page: 3, limit: 2 });
      expect(p3.items).toHaveLength(1);
      expect(p3.total).toBe(5);
    });

    it('returns snippets with marked matches in the reader’s variant', async () => {
      const hans = await c.site.search.search({ q: '杂志', variant: 'zh-Hans' });
      const magazine = hans.items.find((h) => h.id === ids.magazine)!;
      expect(magazine.snippet).toContain('<mark>杂志</mark>');
      expect(magazine.title).toBe('文学杂志《灯塔》复刊');
      expect(magazine.snippet).not.toMatch(/<(?!\/?mark>)/);
      const tw = await c.site.search.search({ q: '杂志', variant: 'zh-TW' });
      expect(tw.items.find((h) => h.id === ids.publisher)!.snippet).toContain('<mark>雜誌</mark>社');
      // Without a variant, text stays in the script it was written in.
      const plain = await c.site.search.search('杂志');
      expect(plain.items.find((h) => h.id === ids.magazine)!.snippet).toContain('<mark>雜誌</mark>');
      expect(plain.items[0]).toMatchObject({ url: expect.stringMatching(/^\/culture\/\d+/), section: { slug: 'culture' }, status: 'published' });
    });

    it('falls back to word beginnings when the exact words find nothing', async () => {
      const res = await c.site.search.search('晶');
      expect(res.items.map((h) => keyOf(h.id))).toEqual(['chips']);
      expect(res.relaxed).toBe(true);
      expect((await c.site.search.search('晶片')).relaxed).toBe(false);
    });

    it('suggests tags and titles by prefix, in either script', async () => {
      const s = await c.site.search.suggest('雜', { variant: 'zh-Hant' });
      expect(s.some((x) => x.kind === 'tag' && x.label === '雜誌' && x.url.startsWith('/tag/'))).toBe(true);
      expect(s.some((x) => x.kind === 'article' && x.label === '文學雜誌《燈塔》復刊')).toBe(true);
      const typed = await c.site.search.suggest('台風逼', { variant: 'zh-Hans', limit: 3 });
      expect(typed.map((x) => x.label)).toContain('台风逼近 气象局发布海上警报');
      expect(typed.length).toBeLessThanOrEqual(3);
      expect(await c.site.search.suggest('')).toEqual([]);
      expect(await c.site.search.suggest('zzzz')).toEqual([]);
    });

    it('follows saves: unpublished articles leave public search, drafts stay findable in the newsroom', async () => {
      const draft = await c.articles.create({ title: '草稿：雜誌的未來', section: 'culture', status: 'draft' });
      expect(await keys('雜誌')).not.toContain(`#${draft.id}`);
      const newsroom = await c.search.service.searchNewsroom({ q: '雜誌' });
      expect(newsroom.items.map((h) => h.id)).toContain(draft.id);
      expect(newsroom.items.find((h) => h.id === draft.id)!.status).toBe('draft');
      expect((await c.search.service.searchNewsroom({ q: '雜誌', scope: 'unpublished' })).items.map((h) => h.id)).toEqual([draft.id]);

      const pub = await c.articles.update(draft.id, 1, { title: '草稿：雜誌的未來', section: 'culture', status: 'published', publishedAt: hoursAgo(1) });
      expect((await c.site.search.search('雜誌')).items.map((h) => h.id)).toContain(pub.id);
      await c.articles.update(draft.id, pub.version, { title: '草稿：雜誌的未來', section: 'culture', status: 'archived' });
      expect((await c.site.search.search('雜誌')).items.map((h) => h.id)).not.toContain(draft.id);
      expect((await c.search.service.searchNewsroom({ q: '未來' })).items.map((h) => h.id)).toEqual([draft.id]);
      await c.events.emit({ type: 'article.deleted', articleId: draft.id });
      expect((await c.search.service.searchNewsroom({ q: '未來' })).items).toEqual([]);
    });

    it('rebuilds the index, dropping deleted articles, and learns keyword statistics', async () => {
      expect((await c.search.keywords.relearn()).documents).toBeGreaterThanOrEqual(8);
      const gone = await c.articles.create({ title: '即將刪除的快訊', section: 'tech', status: 'published', publishedAt: hoursAgo(3) });
      await c.db.kysely.deleteFrom('articles').where('id', '=', gone.id).execute();
      const seen: number[] = [];
      const r = await c.search.indexer.reindex((done) => seen.push(done));
      expect(r.articles).toBeGreaterThanOrEqual(8);
      expect(r.published).toBe(8);
      expect(seen.at(-1)).toBe(r.articles);
      expect(r.words).toBeGreaterThan(20);
      expect(await keys('快訊')).toEqual([]);
      expect((await keys('雜誌')).sort()).toEqual(['magazine', 'publisher']);
      // Stored by the rebuild, read back by any process (and counted from the index before one).
      const stored = await c.search.keywords.relearn();
      expect(stored.documents).toBe(8);
      expect(stored.frequency.get('杂志')).toBe(2);
      const kw = await c.search.keywords.extract('颱風逼近，氣象局發布颱風警報。颱風明天登陸。', 3);
      expect(kw.map((k) => k.word)).toContain('台风');
    });

    it('keeps editors’ words whole once added and the index is rebuilt', async () => {
      // jieba alone cuts 欣悅湖 into 欣悦 + 湖, while the article's 欣悅湖畔 becomes 欣悦 + 湖畔.
      const before = await c.site.search.search('欣悅湖');
      expect(before.relaxed).toBe(true);
      expect(await c.search.words.add(['欣悅湖', '欣悅湖'])).toEqual(['欣悅湖']);
      expect(await c.search.words.add(['欣悅湖'])).toEqual([]);
      await c.search.indexer.reindex();
      const after = await c.site.search.search('欣悦湖');
      expect(after.items.map((h) => keyOf(h.id))).toEqual(['chips']);
      expect(after.relaxed).toBe(false);
      expect((await c.search.words.list()).map((w) => w.word)).toEqual(['欣悅湖']);
      await c.search.words.remove('欣悅湖');
      expect(isAppError(await c.search.words.remove('欣悅湖').catch((e: unknown) => e), 'JD_ERR_SEARCH_WORD_NOT_FOUND')).toBe(true);
      expect(isAppError(await c.search.words.add(['two words']).catch((e: unknown) => e), 'JD_ERR_VALIDATION')).toBe(true);
    });
  });
}
