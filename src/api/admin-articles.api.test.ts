import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../auth/auth.testkit.js';
import { testDialects } from '../db/dialects.testkit.js';
import { newsroomHarness, type NewsroomHarness } from './newsroom.testkit.js';

const BASE = '/api/v1/admin/articles';

for (const dialect of testDialects()) {
  describe.skipIf(dialect.skip)(`the articles admin API on ${dialect.name}`, () => {
    let h: NewsroomHarness;
    beforeAll(async () => {
      h = await newsroomHarness(await dialect.open());
    });
    afterAll(async () => {
      await h?.close();
    });

    it('creates a draft owned and bylined by the caller, with version 1', async () => {
      const res = await h.call('contributor', 'POST', BASE, { title: '地方新聞', section: 'world', tags: ['社區'] });
      expect(res.statusCode).toBe(201);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.json.article).toMatchObject({ title: '地方新聞', status: 'draft', version: 1, createdBy: h.members.contributor.id, publishAt: null });
      expect(res.json.article.authors.map((a: { slug: string }) => a.slug)).toEqual(['contributor']);
      // Drafts stay out of the public API.
      expect((await h.call(null, 'GET', `/api/v1/articles/${res.json.article.id}`)).statusCode).toBe(404);
    });

    it('answers bad input with 400 and a message per field', async () => {
      const bad = await h.call('editor', 'POST', BASE, { title: '', section: 'Not A Slug', source: { url: 'javascript:alert(1)' }, tags: 'x' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json.error.code).toBe('JD_ERR_VALIDATION');
      expect(Object.keys(bad.json.error.fields)).toEqual(expect.arrayContaining(['title', 'section', 'source.url', 'tags']));
      const published = await h.call('editor', 'POST', BASE, { title: '直接發佈', section: 'world', status: 'published' });
      expect(published.statusCode).toBe(400);
      expect(published.json.error.fields.status).toMatch(/workflow|drafts/);
      const unknown = await h.call('editor', 'POST', BASE, { title: '題', section: 'nowhere' });
      expect(unknown.json.error.fields.section).toMatch(/nowhere/);
      const dated = await h.call('contributor', 'POST', BASE, { title: '題', section: 'world', publishedAt: '2020-01-01T00:00:00Z' });
      expect(dated.json.error.fields.publishedAt).toBeDefined();
      expect((await h.call('editor', 'GET', `${BASE}/abc`)).statusCode).toBe(400);
      expect((await h.call('editor', 'GET', `${BASE}/99999`)).statusCode).toBe(404);
      expect((await h.call('editor', 'PATCH', `${BASE}/99999`, { version: 1 })).statusCode).toBe(404);
      const noVersion = await h.call('editor', 'PATCH', `${BASE}/1`, { title: '沒有版本' });
      expect(noVersion.statusCode).toBe(400);
      expect(noVersion.json.error.fields.version).toBeDefined();
    });

    it('lists every status with filters; members without edit-any see only their own', async () => {
      const a = await h.draft('author', { title: '科技草稿', section: 'tech', tags: ['晶片'] });
      const b = await h.draft('editor', { title: '國際快訊', tags: ['晶片'] });
      await h.call('editor', 'POST', `${BASE}/${b.id}/publish`, { version: 1 });
      const all = await h.call('editor', 'GET', `${BASE}?limit=100`);
      expect(all.statusCode).toBe(200);
      expect(all.json.meta).toMatchObject({ page: 1, limit: 100 });
      expect(all.json.articles.map((x: { id: number }) => x.id)).toEqual(expect.arrayContaining([a.id, b.id]));
      const ids = async (q: string, who: 'editor' | 'author' | 'contributor' = 'editor') =>
        (await h.call(who, 'GET', `${BASE}?${q}`)).json.articles.map((x: { id: number }) => x.id) as number[];
      expect(await ids('status=published')).toContain(b.id);
      expect(await ids('status=published')).not.toContain(a.id);
      expect(await ids('section=tech')).toEqual([a.id]);
      expect(await ids('author=author')).toEqual([a.id]);
      expect((await ids('tag=%E6%99%B6%E7%89%87')).sort()).toEqual([a.id, b.id].sort());
      expect(await ids('q=%E7%A7%91%E6%8A%80%E8%8D%89%E7%A8%BF')).toEqual([a.id]);
      expect(await ids('limit=100', 'author')).toEqual([a.id]);
      expect(await ids('limit=100', 'contributor')).not.toContain(a.id);
      const badFilter = await h.call('editor', 'GET', `${BASE}?status=live&section=nowhere`);
      expect(badFilter.statusCode).toBe(400);
      expect(Object.keys(badFilter.json.error.fields)).toEqual(['status']);
      expect((await h.call('editor', 'GET', `${BASE}?section=nowhere`)).json.error.fields.section).toMatch(/nowhere/);
    });

    it('checks ownership for reading and saving', async () => {
      const mine = await h.draft('author');
      expect((await h.call('author', 'GET', `${BASE}/${mine.id}`)).statusCode).toBe(200);
      expect((await h.call('author2', 'GET', `${BASE}/${mine.id}`)).statusCode).toBe(403);
      expect((await h.call('contributor', 'PATCH', `${BASE}/${mine.id}`, { version: 1, title: '改別人的' })).statusCode).toBe(403);
      expect((await h.call('editor', 'PATCH', `${BASE}/${mine.id}`, { version: 1, title: '編輯改' })).statusCode).toBe(200);
      // A contributor's own article, once live, is changed only by those who may publish it.
      const theirs = await h.draft('contributor');
      await h.call('editor', 'POST', `${BASE}/${theirs.id}/publish`, { version: 1 });
      const live = await h.call('contributor', 'PATCH', `${BASE}/${theirs.id}`, { version: 2, title: '偷改' });
      expect(live.statusCode).toBe(403);
      expect(live.json.error.code).toBe('JD_ERR_AUTH_FORBIDDEN');
    });

    it('gives the second of two clients editing one article a 409 with the current version, never a silent overwrite', async () => {
      const a = await h.draft('editor', { title: '原標題', summary: '原摘要' });
      const [first, second] = await Promise.all([
        h.call('editor', 'PATCH', `${BASE}/${a.id}`, { version: 1, title: '編輯甲的標題' }),
        h.call('admin', 'PATCH', `${BASE}/${a.id}`, { version: 1, title: '編輯乙的標題', summary: '乙的摘要' }),
      ]);
      const [won, lost] = first.statusCode === 200 ? [first, second] : [second, first];
      expect(won.statusCode).toBe(200);
      expect(won.json.article.version).toBe(2);
      expect(lost.statusCode).toBe(409);
      expect(lost.json.error.code).toBe('JD_ERR_CONTENT_VERSION_CONFLICT');
      expect(lost.json.error.message).toMatch(/your version 1, current 2/);
      expect(lost.json.current.version).toBe(2);
      expect(lost.json.current.title).toBe(won.json.article.title);
      expect(lost.json.error.fields).toHaveProperty('title');
      const stored = (await h.call('editor', 'GET', `${BASE}/${a.id}`)).json.article;
      expect(stored.title).toBe(won.json.article.title);
      // The loser merges and saves on top of the current version.
      const retry = await h.call('admin', 'PATCH', `${BASE}/${a.id}`, { version: lost.json.current.version, summary: '乙的摘要' });
      expect(retry.json.article).toMatchObject({ version: 3, title: won.json.article.title, summary: '乙的摘要' });
      // Status changes are the workflow's.
      const status = await h.call('editor', 'PATCH', `${BASE}/${a.id}`, { version: 3, status: 'published' });
      expect(status.statusCode).toBe(400);
      expect(status.json.error.fields.status).toBeDefined();
    });

    it('lists, reads, diffs and restores revisions over HTTP', async () => {
      const a = await h.draft('author', { title: '第一版', bodyHtml: '<p>颱風今晚登陸</p>' });
      await h.call('author', 'PATCH', `${BASE}/${a.id}`, { version: 1, title: '第二版', bodyHtml: '<p>颱風明晨登陸</p>' });
      const list = await h.call('author', 'GET', `${BASE}/${a.id}/revisions`);
      expect(list.json.revisions.map((r: { version: number; action: string }) => `${r.version}:${r.action}`)).toEqual(['2:update', '1:create']);
      expect(list.json.meta.total).toBe(2);
      const one = await h.call('author', 'GET', `${BASE}/${a.id}/revisions/1`);
      expect(one.json.revision.snapshot.title).toBe('第一版');
      const diff = await h.call('author', 'GET', `${BASE}/${a.id}/revisions/diff?from=1`);
      expect(diff.json.diff.to.version).toBe(2);
      expect(diff.json.diff.fields[0]).toMatchObject({ field: 'title', before: '第一版', after: '第二版' });
      expect(diff.json.diff.body.lines[0].op).toBe('change');
      expect((await h.call('author', 'GET', `${BASE}/${a.id}/revisions/diff`)).statusCode).toBe(400);
      expect((await h.call('author', 'GET', `${BASE}/${a.id}/revisions/7`)).statusCode).toBe(404);
      expect((await h.call('author2', 'GET', `${BASE}/${a.id}/revisions`)).statusCode).toBe(403);
      const stale = await h.call('author', 'POST', `${BASE}/${a.id}/revisions/1/restore`, { version: 1 });
      expect(stale.statusCode).toBe(409);
      expect(stale.json.current.version).toBe(2);
      const restored = await h.call('author', 'POST', `${BASE}/${a.id}/revisions/1/restore`, { version: 2 });
      expect(restored.json.article).toMatchObject({ title: '第一版', version: 3, bodyHtml: '<p>颱風今晚登陸</p>' });
    });

    it('works for a signed-in browser, whose writes need the CSRF header', async () => {
      const browser = await signIn(h.app, 'author@example.com');
      const a = await h.draft('author');
      const url = `${BASE}/${a.id}`;
      const forged = await h.app.inject({ method: 'PATCH', url, headers: { cookie: browser.cookie }, payload: { version: 1, title: '跨站偽造' } });
      expect(forged.statusCode).toBe(403);
      expect(JSON.parse(forged.body).error.code).toBe('JD_ERR_AUTH_CSRF');
      const ok = await h.app.inject({ method: 'PATCH', url, headers: { cookie: browser.cookie, 'x-csrf-token': browser.csrf }, payload: { version: 1, title: '本人修改' } });
      expect(ok.statusCode).toBe(200);
      expect(JSON.parse(ok.body).article).toMatchObject({ title: '本人修改', version: 2 });
      // The write is in the audit log with who did it.
      const audit = await h.call('admin', 'GET', `/api/v1/admin/audit?target=${encodeURIComponent(url)}`);
      expect(audit.json.entries[0]).toMatchObject({ action: 'PATCH /api/v1/admin/articles/:id', actor: { via: 'session', userId: h.members.author.id } });
    });

    it('keeps the content API open to anonymous readers and the admin API closed', async () => {
      expect((await h.call(null, 'GET', '/api/v1/articles')).statusCode).toBe(200);
      expect((await h.call(null, 'GET', '/api/v1/sections')).statusCode).toBe(200);
      const res = await h.call(null, 'GET', BASE);
      expect(res.statusCode).toBe(401);
      expect(res.json.error.code).toBe('JD_ERR_AUTH_REQUIRED');
      expect((await h.call(null, 'POST', BASE, { title: 'x', section: 'world' })).statusCode).toBe(401);
    });
  });
}
