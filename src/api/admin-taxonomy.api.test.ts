import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../auth/roles.js';
import { testDialects } from '../db/dialects.testkit.js';
import { newsroomHarness, type NewsroomHarness } from './newsroom.testkit.js';

for (const dialect of testDialects()) {
  describe.skipIf(dialect.skip)(`the sections and tags admin API on ${dialect.name}`, () => {
    let h: NewsroomHarness;
    beforeAll(async () => {
      h = await newsroomHarness(await dialect.open());
    });
    afterAll(async () => {
      await h?.close();
    });

    it('lets only editors and admins manage sections and tags', async () => {
      for (const role of ROLES) {
        const allowed = role === 'admin' || role === 'editor';
        for (const url of ['/api/v1/admin/sections', '/api/v1/admin/tags']) {
          expect((await h.call(role, 'GET', url)).statusCode, `${role} ${url}`).toBe(allowed ? 200 : 403);
        }
      }
      expect((await h.call(null, 'GET', '/api/v1/admin/tags')).statusCode).toBe(401);
    });

    it('creates, changes and deletes a section with version checks', async () => {
      const created = await h.call('editor', 'POST', '/api/v1/admin/sections', { slug: 'sports', name: '體育', position: 5 });
      expect(created.statusCode).toBe(201);
      const s = created.json.section;
      expect(s).toMatchObject({ slug: 'sports', version: 1, articles: 0, url: '/sports/' });
      expect((await h.call('editor', 'POST', '/api/v1/admin/sections', { slug: 'api', name: '保留' })).json.error.fields.slug).toMatch(/reserved/);
      expect((await h.call('editor', 'POST', '/api/v1/admin/sections', { slug: 'sports', name: '重複' })).statusCode).toBe(409);
      const changed = await h.call('editor', 'PATCH', `/api/v1/admin/sections/${s.id}`, { version: 1, name: '運動', parent: 'world' });
      expect(changed.json.section).toMatchObject({ name: '運動', version: 2 });
      const stale = await h.call('admin', 'PATCH', `/api/v1/admin/sections/${s.id}`, { version: 1, name: '過時' });
      expect(stale.statusCode).toBe(409);
      expect(stale.json.error.code).toBe('JD_ERR_CONTENT_STALE');
      expect(stale.json.current).toMatchObject({ name: '運動', version: 2 });
      await h.draft('editor', { section: 'sports' });
      const inUse = await h.call('editor', 'DELETE', `/api/v1/admin/sections/${s.id}`);
      expect(inUse.statusCode).toBe(409);
      expect(inUse.json.error.message).toMatch(/1 articles/);
      expect((await h.call('editor', 'GET', '/api/v1/admin/sections/99999')).statusCode).toBe(404);
      const empty = await h.call('editor', 'POST', '/api/v1/admin/sections', { slug: 'empty', name: '空' });
      expect((await h.call('editor', 'DELETE', `/api/v1/admin/sections/${empty.json.section.id}`)).json).toEqual({ deleted: { id: empty.json.section.id } });
    });

    it('renames a tag and its old public URL redirects to the new one', async () => {
      const article = await h.draft('editor', { tags: ['颱風'] });
      await h.call('editor', 'POST', `/api/v1/admin/articles/${article.id}/publish`, { version: 1 });
      const tag = (await h.call('editor', 'GET', `/api/v1/admin/tags?q=${encodeURIComponent('颱風')}`)).json.tags[0];
      expect(tag).toMatchObject({ name: '颱風', articles: 1, published: 1 });
      const renamed = await h.call('editor', 'PATCH', `/api/v1/admin/tags/${tag.id}`, { version: tag.version, name: '熱帶氣旋', slug: 'cyclone' });
      expect(renamed.json.tag).toMatchObject({ slug: 'cyclone', oldSlugs: [tag.slug], version: tag.version + 1 });
      const old = await h.app.inject({ method: 'GET', url: `/tag/${encodeURIComponent(tag.slug)}?page=1` });
      expect(old.statusCode).toBe(301);
      expect(old.headers.location).toBe('/tag/cyclone');
      const prefixed = await h.app.inject({ method: 'GET', url: `/zh-tw/tag/${encodeURIComponent(tag.slug)}` });
      expect(prefixed.headers.location).toBe('/zh-tw/tag/cyclone');
      const page = await h.app.inject({ method: 'GET', url: '/tag/cyclone' });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('熱帶氣旋');
      expect((await h.app.inject({ method: 'GET', url: '/tag/never-existed' })).statusCode).toBe(404);
    });

    it('keeps the public tag list in step with publishes and renames', async () => {
      const publicTags = async () => (await h.call(null, 'GET', '/api/v1/tags?limit=100')).json.tags as Array<{ slug: string; name: string; count: number }>;
      const article = await h.draft('editor', { tags: ['公開列表'] });
      // A draft's tag counts no published article yet (and the list is now kept between calls).
      expect((await publicTags()).find((t) => t.name === '公開列表')?.count ?? 0).toBe(0);
      await h.call('editor', 'POST', `/api/v1/admin/articles/${article.id}/publish`, { version: 1 });
      expect((await publicTags()).find((t) => t.name === '公開列表')).toMatchObject({ count: 1 });
      const tag = (await h.call('editor', 'GET', `/api/v1/admin/tags?q=${encodeURIComponent('公開列表')}`)).json.tags[0];
      await h.call('editor', 'PATCH', `/api/v1/admin/tags/${tag.id}`, { version: tag.version, name: '公開列表改名', slug: 'public-list' });
      expect((await publicTags()).find((t) => t.slug === 'public-list')).toMatchObject({ name: '公開列表改名', count: 1 });
    });

    it('merges tags over HTTP', async () => {
      const into = (await h.call('editor', 'POST', '/api/v1/admin/tags', { name: '經濟', slug: 'economy' })).json.tag;
      const from = (await h.call('editor', 'POST', '/api/v1/admin/tags', { name: '經濟新聞', slug: 'econ' })).json.tag;
      await h.draft('editor', { tags: ['econ'] });
      const merged = await h.call('editor', 'POST', `/api/v1/admin/tags/${from.id}/merge`, { into: into.id, version: from.version });
      expect(merged.json.tag).toMatchObject({ slug: 'economy', articles: 1, oldSlugs: ['econ'] });
      expect((await h.call('editor', 'GET', `/api/v1/admin/tags/${from.id}`)).statusCode).toBe(404);
      expect((await h.call('editor', 'POST', `/api/v1/admin/tags/${into.id}/merge`, { into: 99999 })).statusCode).toBe(404);
      expect((await h.call('editor', 'POST', `/api/v1/admin/tags/${into.id}/merge`, { into: 'economy' })).json.error.fields.into).toBeDefined();
      const redirect = await h.app.inject({ method: 'GET', url: '/tag/econ' });
      expect(redirect.headers.location).toBe('/tag/economy');
      expect((await h.call('editor', 'DELETE', `/api/v1/admin/tags/${into.id}`)).statusCode).toBe(200);
    });
  });
}
