import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../db/dialects.testkit.js';
import { isAppError } from '../errors/index.js';
import { draftAs, newsroom, type Newsroom } from './newsroom.testkit.js';

const caught = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);

for (const dialect of testDialects()) {
  describe.skipIf(dialect.skip)(`sections and tags administration on ${dialect.name}`, () => {
    let n: Newsroom;
    beforeAll(async () => {
      n = await newsroom(await dialect.open());
    });
    afterAll(async () => {
      await n?.close();
    });

    it('creates, moves, renames and deletes sections under version checks', async () => {
      const t = n.c.newsroom.taxonomy;
      const asia = await t.createSection({ slug: 'asia', name: '亞太', parent: 'world', position: 3, description: '' });
      expect(asia).toMatchObject({ slug: 'asia', parentId: (await t.sections()).find((s) => s.slug === 'world')!.id, version: 1, articles: 0 });
      const moved = await t.updateSection(asia.id, { version: 1, parent: null, name: '亞洲', slug: 'asia-pacific' });
      expect(moved).toMatchObject({ slug: 'asia-pacific', name: '亞洲', parentId: null, version: 2, url: '/asia-pacific/' });
      const stale = await caught(t.updateSection(asia.id, { version: 1, name: '過時' }));
      expect(isAppError(stale, 'JD_ERR_CONTENT_STALE')).toBe(true);
      expect((stale as { extra: { current: { version: number } } }).extra.current.version).toBe(2);
      const world = (await t.sections()).find((s) => s.slug === 'world')!;
      await t.updateSection(asia.id, { version: 2, parent: 'world' });
      const cycle = await caught(t.updateSection(world.id, { version: world.version, parent: 'asia-pacific' }));
      expect((cycle as { fields: Record<string, string> }).fields.parent).toMatch(/inside itself/);
      expect(isAppError(await caught(t.updateSection(asia.id, { version: 3, slug: 'tech' })), 'JD_ERR_CONTENT_SLUG_TAKEN')).toBe(true);
      expect(isAppError(await caught(t.deleteSection(world.id)), 'JD_ERR_CONTENT_SECTION_IN_USE')).toBe(true);
      await t.deleteSection(asia.id);
      expect(isAppError(await caught(t.section(asia.id)), 'JD_ERR_CONTENT_SECTION_ID_NOT_FOUND')).toBe(true);
    });

    it('renames a tag and keeps its old slug as a redirect', async () => {
      const t = n.c.newsroom.taxonomy;
      const tag = await t.createTag({ name: '颱風', slug: 'typhoon', description: '' });
      await draftAs(n, 'editor', { tags: ['typhoon'] });
      const renamed = await t.updateTag(tag.id, { version: 1, slug: 'tropical-storm', name: '熱帶風暴' });
      expect(renamed).toMatchObject({ slug: 'tropical-storm', name: '熱帶風暴', version: 2, articles: 1, oldSlugs: ['typhoon'] });
      expect(await t.redirectFor('typhoon')).toBe('tropical-storm');
      expect(isAppError(await caught(t.updateTag(tag.id, { version: 1, name: '過時' })), 'JD_ERR_CONTENT_STALE')).toBe(true);
      // A new tag may take the old slug back; then it no longer redirects.
      await t.createTag({ name: '新颱風', slug: 'typhoon', description: '' });
      expect(await t.redirectFor('typhoon')).toBeUndefined();
      expect(isAppError(await caught(t.createTag({ name: '熱帶風暴', description: '' })), 'JD_ERR_CONTENT_NAME_TAKEN')).toBe(true);
    });

    it('merges a tag into another: articles once, slugs redirect, the source is gone', async () => {
      const t = n.c.newsroom.taxonomy;
      const a = await t.createTag({ name: '選舉', slug: 'election', description: '' });
      const b = await t.createTag({ name: '大選', slug: 'elections', description: '' });
      await t.updateTag(b.id, { version: 1, slug: 'polls' });
      const both = await draftAs(n, 'editor', { tags: ['election', 'polls'] });
      await draftAs(n, 'editor', { tags: ['polls'] });
      n.events.length = 0;
      const merged = await t.mergeTag(b.id, { into: a.id });
      expect(merged).toMatchObject({ slug: 'election', articles: 2, version: 2 });
      expect([...merged.oldSlugs].sort()).toEqual(['elections', 'polls']);
      expect(await t.redirectFor('polls')).toBe('election');
      expect(await t.redirectFor('elections')).toBe('election');
      expect((await n.c.site.reader.any(both.id)).tags.map((x) => x.slug)).toEqual(['election']);
      expect(n.events).toHaveLength(2);
      expect(isAppError(await caught(t.tag(b.id)), 'JD_ERR_CONTENT_TAG_ID_NOT_FOUND')).toBe(true);
      expect((await caught(t.mergeTag(a.id, { into: a.id })) as { fields: object }).fields).toHaveProperty('into');
      await t.deleteTag(a.id);
      expect((await n.c.site.reader.any(both.id)).tags).toEqual([]);
      expect(await t.redirectFor('polls')).toBeUndefined();
    });

    it('lists tags with usage and a literal text filter', async () => {
      const t = n.c.newsroom.taxonomy;
      await t.createTag({ name: '100%_真實', slug: 'percent', description: '' });
      const hits = await t.tags('%_', 1, 10);
      expect(hits.tags.map((x) => x.slug)).toEqual(['percent']);
      expect((await t.tags('%', 1, 50)).total).toBe(1);
    });
  });
}
