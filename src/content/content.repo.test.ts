import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../config/index.js';
import { createContainer, type Container } from '../container.js';
import { testDialects } from '../db/dialects.testkit.js';
import { isAppError } from '../errors/index.js';
import { ArticleRepo } from './article.repo.js';

// One conformance suite for the content repositories, run on every dialect.
for (const dialect of testDialects()) {
  describe.skipIf(dialect.skip)(`content on ${dialect.name}`, () => {
    let c: Container;
    let clock = Date.parse('2026-11-01T00:00:00Z');
    const at = (hoursAgo: number) => new Date(Date.parse('2026-11-01T00:00:00Z') - hoursAgo * 3_600_000).toISOString();

    beforeAll(async () => {
      const db = await dialect.open();
      c = await createContainer(testConfig({ data: `/tmp/jd-test-${dialect.name}-${process.pid}` }), { db, now: () => new Date((clock += 1000)) });
      const now = new Date(clock).toISOString();
      await c.sections.create({ slug: 'world', name: '國際', position: 1 }, now);
      await c.sections.create({ slug: 'asia', name: '亞太', parent: 'world', position: 1 }, now);
      await c.sections.create({ slug: 'tech', name: '科技', position: 2 }, now);
      await c.users.add({ name: '林雨涵', slug: 'lin', role: 'author' });
      await c.users.add({ name: '周明軒', slug: 'zhou', role: 'author' });
    });
    afterAll(async () => {
      await c?.close();
    });

    it('stores an article with its relations and sanitizes the body', async () => {
      const a = await c.articles.create({
        title: '亞太峰會閉幕',
        section: 'asia',
        tags: ['氣候', '貿易'],
        authors: ['lin', 'zhou'],
        source: { name: '焦點通訊社', url: 'https://example.com/a' },
        lang: 'zh-Hant',
        status: 'published',
        publishedAt: at(5),
        bodyHtml: '<h2>小標</h2><p onclick="x()">正文<script>alert(1)</script></p>',
        flags: { headline: true, featured: false, slideshow: false },
      });
      expect(a.bodyHtml).toBe('<h2>小標</h2><p>正文</p>');
      expect(a.section.slug).toBe('asia');
      expect(a.tags.map((t) => t.name)).toEqual(['氣候', '貿易']);
      expect(a.authors.map((p) => p.slug)).toEqual(['lin', 'zhou']);
      expect(a.url).toBe(`/asia/${a.id}-ya-tai-feng-hui-bi-mu.html`);
      expect(a.flags.headline).toBe(true);
      expect(a.publishedAt).toBe(at(5));
      expect(a.version).toBe(1);
    });

    it('lists published articles by section tree, tag, author and month, newest first', async () => {
      await c.articles.create({ title: '晶片新品', section: 'tech', tags: ['晶片'], authors: ['zhou'], status: 'published', publishedAt: at(1) });
      await c.articles.create({ title: '世界新聞', section: 'world', tags: ['貿易'], status: 'published', publishedAt: at(30) });
      await c.articles.create({ title: '草稿不公開', section: 'world', tags: ['貿易'], status: 'draft' });
      const { sectionService, reader, tagService, authorService } = c.site;
      const world = (await sectionService.require('world')).section;
      const worldList = await reader.list({ sectionIds: [world.id, ...world.children.map((x) => x.id)] }, 1, 10);
      expect(worldList.items.map((a) => a.title)).toEqual(['亞太峰會閉幕', '世界新聞']);
      expect(worldList.total).toBe(2);
      const trade = await tagService.require((await tagService.list(1, 50)).items.find((t) => t.name === '貿易')!.slug);
      expect((await reader.list({ tagId: trade.id }, 1, 10)).items.map((a) => a.title)).toEqual(['亞太峰會閉幕', '世界新聞']);
      const zhou = await authorService.require('zhou');
      expect((await reader.list({ authorId: zhou.id }, 1, 10)).items.map((a) => a.title)).toEqual(['晶片新品', '亞太峰會閉幕']);
      const recent = await reader.list({ from: at(10), to: at(0) }, 1, 10);
      expect(recent.items.map((a) => a.title)).toEqual(['晶片新品', '亞太峰會閉幕']);
      const page2 = await reader.list({}, 2, 2);
      expect(page2.items.map((a) => a.title)).toEqual(['世界新聞']);
      expect(page2.total).toBe(3);
    });

    it('ranks related articles by shared tags, then section, and never lists drafts or the article itself', async () => {
      const all = await c.site.reader.list({}, 1, 10);
      const summit = all.items.find((a) => a.title === '亞太峰會閉幕')!;
      const related = await c.site.reader.related(summit, 5);
      expect(related.map((a) => a.title)).toEqual(['世界新聞']);
    });

    it('counts shared tags over each tag\'s newest articles only, most shared first, then newest', async () => {
      const make = async (title: string, tags: string[]) => (await c.articles.create({ title, section: 'tech', tags, status: 'published', publishedAt: at(2) })).id;
      const old = await make('共享甲乙舊', ['共享甲', '共享乙']);
      const one = await make('共享甲一', ['共享甲']);
      const two = await make('共享甲二', ['共享甲']);
      const both = await make('共享甲乙新', ['共享甲', '共享乙']);
      const self = await make('共享本文', ['共享甲', '共享乙']);
      const tagIds = (await c.site.reader.published(self)).tags.map((t) => t.slug);
      const ids = await c.db.kysely.selectFrom('tags').select('id').where('slug', 'in', tagIds).execute();
      const repo = new ArticleRepo(c.db.kysely);
      const all = await repo.sharingTags(self, ids.map((r) => r.id), 10);
      expect(all).toEqual([{ article_id: both, shared: 2 }, { article_id: old, shared: 2 }, { article_id: two, shared: 1 }, { article_id: one, shared: 1 }]);
      // Two newest per tag: the oldest article falls out of 共享甲's share and counts once.
      const bounded = await repo.sharingTags(self, ids.map((r) => r.id), 10, 2);
      expect(bounded).toEqual([{ article_id: both, shared: 2 }, { article_id: two, shared: 1 }, { article_id: old, shared: 1 }]);
      expect(await repo.sharingTags(self, ids.map((r) => r.id), 1, 2)).toEqual([{ article_id: both, shared: 2 }]);
    });

    it('reads card rows with every column but the body, published only', async () => {
      const repo = new ArticleRepo(c.db.kysely);
      const all = await c.db.kysely.selectFrom('articles').selectAll().orderBy('id').execute();
      const published = all.filter((r) => r.status === 'published');
      expect(published.length).toBeGreaterThan(1);
      expect(published.length).toBeLessThan(all.length);
      expect(published.some((r) => r.body_html !== '')).toBe(true);
      const cards = await repo.publishedCardRows(all.map((r) => r.id));
      expect([...cards].sort((a, b) => a.id - b.id)).toEqual(published.map((r) => ({ ...r, body_html: '' })));
      // A card's view has no body and no reading time; the article's own view has both.
      const withBody = published.find((r) => r.body_html !== '')!;
      const [card] = await c.site.reader.cards([withBody.id]);
      expect([card!.bodyHtml, card!.readingMinutes]).toEqual(['', 0]);
      const own = await c.site.reader.published(withBody.id);
      expect(own.bodyHtml).not.toBe('');
      expect(own.readingMinutes).toBeGreaterThan(0);
    });

    it('counts each tag\'s published articles only, most used first', async () => {
      const now = () => at(0);
      await c.articles.create({ title: '計數一', section: 'tech', tags: ['計數甲', '計數乙'], status: 'published', publishedAt: now() });
      await c.articles.create({ title: '計數二', section: 'tech', tags: ['計數甲'], status: 'published', publishedAt: now() });
      await c.articles.create({ title: '計數草稿', section: 'tech', tags: ['計數甲', '計數乙', '計數丙'], status: 'draft' });
      const all = (await c.site.tagService.list(1, 100)).items;
      const count = (name: string) => all.find((t) => t.name === name)?.count;
      expect([count('計數甲'), count('計數乙'), count('計數丙')]).toEqual([2, 1, 0]);
      // Most used first, and every count matches the published articles a tag lists.
      expect(all.map((t) => t.count)).toEqual([...all.map((t) => t.count)].sort((x, y) => y - x));
      for (const t of all) expect((await c.site.reader.list({ tagId: (await c.site.tagService.require(t.slug)).id }, 1, 1)).total, t.name).toBe(t.count);
    });

    it('finds published articles by literal text, treating wildcards as text', async () => {
      const hits = await c.site.search.search('晶片', 1, 10);
      expect(hits.items.map((a) => a.title)).toEqual(['晶片新品']);
      expect((await c.site.search.search('%', 1, 10)).total).toBe(0);
      expect((await c.site.search.search('草稿', 1, 10)).total).toBe(0);
      // Either script finds the article (闭幕 is how Simplified writes 閉幕).
      expect((await c.site.search.search('闭幕', 1, 10)).items.map((a) => a.title)).toEqual(['亞太峰會閉幕']);
    });

    it('refuses a stale version and keeps the newer save', async () => {
      const a = await c.articles.create({ title: '原標題', section: 'tech', status: 'draft' });
      const saved = await c.articles.update(a.id, 1, { title: '第一次修改', section: 'tech' });
      expect(saved.version).toBe(2);
      const stale = await c.articles.update(a.id, 1, { title: '過時的修改', section: 'tech' }).catch((e: unknown) => e);
      expect(isAppError(stale, 'JD_ERR_CONTENT_VERSION_CONFLICT')).toBe(true);
      expect((await c.site.reader.any(a.id)).title).toBe('第一次修改');
    });

    it('reports unknown references and invalid fields by field', async () => {
      const err = await c.articles.create({ title: '', section: 'nope', source: { url: 'ftp://x' } }).catch((e: unknown) => e);
      expect(isAppError(err, 'JD_ERR_VALIDATION')).toBe(true);
      expect(Object.keys((err as { fields: object }).fields)).toEqual(expect.arrayContaining(['title', 'source.url']));
      const missing = await c.articles.create({ title: '題', section: 'nope' }).catch((e: unknown) => e);
      expect((missing as { fields: Record<string, string> }).fields.section).toMatch(/nope/);
    });

    it('refuses duplicate and reserved section slugs', async () => {
      const now = new Date().toISOString();
      expect(isAppError(await c.sections.create({ slug: 'tech', name: '重複' }, now).catch((e: unknown) => e), 'JD_ERR_CONTENT_SLUG_TAKEN')).toBe(true);
      expect(isAppError(await c.sections.create({ slug: 'api', name: '保留' }, now).catch((e: unknown) => e), 'JD_ERR_VALIDATION')).toBe(true);
    });
  });
}
