import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../auth/roles.js';
import type { ArticleStatus } from '../content/article.fields.js';
import type { WorkflowAction } from '../content/workflow.js';
import { testDialects } from '../db/dialects.testkit.js';
import { newsroomHarness, type NewsroomHarness } from './newsroom.testkit.js';

const BASE = '/api/v1/admin/articles';

/** Each move from a status it may start in, with what it needs, and who may make it (own article / others'). */
const WALK: ReadonlyArray<{ action: WorkflowAction; from: ArticleStatus; body: (h: NewsroomHarness) => object; own: readonly Role[]; others: readonly Role[] }> = [
  { action: 'submit', from: 'draft', body: () => ({}), own: ['admin', 'editor', 'author', 'contributor'], others: ['admin', 'editor'] },
  { action: 'approve', from: 'in_review', body: () => ({}), own: ['admin', 'editor'], others: ['admin', 'editor'] },
  { action: 'return', from: 'in_review', body: () => ({ comment: '請補充消息來源' }), own: ['admin', 'editor'], others: ['admin', 'editor'] },
  { action: 'publish', from: 'draft', body: () => ({}), own: ['admin', 'editor', 'author'], others: ['admin', 'editor'] },
  { action: 'schedule', from: 'draft', body: (h) => ({ publishAt: h.clock.now().toISOString().replace('2026-11-01', '2026-12-01') }), own: ['admin', 'editor', 'author'], others: ['admin', 'editor'] },
  { action: 'unpublish', from: 'published', body: () => ({ to: 'archived' }), own: ['admin', 'editor'], others: ['admin', 'editor'] },
  { action: 'archive', from: 'draft', body: () => ({}), own: ['admin', 'editor'], others: ['admin', 'editor'] },
];

/** How the admin brings a fresh draft to `from`. */
const PATH: Record<string, WorkflowAction[]> = { draft: [], in_review: ['submit'], published: ['publish'] };

for (const dialect of testDialects()) {
  describe.skipIf(dialect.skip)(`the workflow API on ${dialect.name}`, () => {
    let h: NewsroomHarness;
    beforeAll(async () => {
      h = await newsroomHarness(await dialect.open());
    });
    afterAll(async () => {
      await h?.close();
    });

    /** A fresh article owned by `owner`, moved to `from` by the admin; returns id and version. */
    async function articleIn(owner: Role, from: ArticleStatus): Promise<{ id: number; version: number }> {
      const a = await h.draft(owner);
      let version = 1;
      for (const step of PATH[from]!) {
        const res = await h.call('admin', 'POST', `${BASE}/${a.id}/${step}`, { version });
        version = res.json.article.version;
      }
      return { id: a.id, version };
    }

    describe('walks every move for every role, over tokens', () => {
      for (const k of WALK) {
        for (const role of ROLES) {
          for (const whose of ['own', 'others'] as const) {
            const allowed = k[whose].includes(role);
            it(`${k.action} (${k.from}, ${whose}) by ${role}: ${allowed ? '200' : '403'}`, async () => {
              const owner: Role | 'author2' = whose === 'own' ? role : role === 'author' ? 'author2' : 'author';
              const a = await articleIn(owner as Role, k.from);
              const res = await h.call(role, 'POST', `${BASE}/${a.id}/${k.action}`, { version: a.version, ...k.body(h) });
              if (allowed) {
                expect(res.statusCode, res.body).toBe(200);
                expect(res.json.article.version).toBe(a.version + 1);
              } else {
                expect(res.statusCode, res.body).toBe(403);
                expect(res.json.error.code).toBe('JD_ERR_AUTH_FORBIDDEN');
              }
            });
          }
        }
      }
      it('every move is 401 for nobody', async () => {
        for (const k of WALK) expect((await h.call(null, 'POST', `${BASE}/1/${k.action}`, { version: 1 })).statusCode).toBe(401);
      });
    });

    it('answers a move the status does not allow with 409 and the current article', async () => {
      const a = await articleIn('editor', 'draft');
      const res = await h.call('editor', 'POST', `${BASE}/${a.id}/approve`, { version: a.version });
      expect(res.statusCode).toBe(409);
      expect(res.json.error.code).toBe('JD_ERR_CONTENT_TRANSITION_INVALID');
      expect(res.json.current).toMatchObject({ id: a.id, status: 'draft', version: 1 });
      const stale = await h.call('editor', 'POST', `${BASE}/${a.id}/submit`, { version: 7 });
      expect(stale.statusCode).toBe(409);
      expect(stale.json.current.version).toBe(1);
      const noComment = await h.call('editor', 'POST', `${BASE}/${(await articleIn('author', 'in_review')).id}/return`, { version: 2 });
      expect(noComment.statusCode).toBe(400);
      expect(noComment.json.error.fields.comment).toBeDefined();
      const badTime = await h.call('editor', 'POST', `${BASE}/${a.id}/schedule`, { version: 1, publishAt: 'tomorrow' });
      expect(badTime.json.error.fields.publishAt).toMatch(/ISO 8601/);
      const past = await h.call('editor', 'POST', `${BASE}/${a.id}/schedule`, { version: 1, publishAt: '2020-01-01T00:00:00Z' });
      expect(past.json.error.fields.publishAt).toMatch(/future/);
    });

    it('schedules over HTTP and the scheduler publishes it with the publish events', async () => {
      const a = await articleIn('author', 'draft');
      const at = new Date(h.clock.ms + 60_000).toISOString();
      const scheduled = await h.call('author', 'POST', `${BASE}/${a.id}/schedule`, { version: 1, publishAt: at });
      expect(scheduled.json.article).toMatchObject({ status: 'scheduled', publishAt: at, publishedAt: null });
      expect((await h.call(null, 'GET', `/api/v1/articles/${a.id}`)).statusCode).toBe(404);
      expect(await h.c.newsroom.scheduler.runOnce()).toEqual([]);
      h.clock.advance(60_000);
      expect(await h.c.newsroom.scheduler.runOnce()).toEqual([a.id]);
      const live = await h.call(null, 'GET', `/api/v1/articles/${a.id}`);
      expect(live.statusCode).toBe(200);
      expect(live.json.article.publishedAt).toBe(at);
      // Searchable at once: the scheduler's publish went through the same events as a click.
      const found = await h.call(null, 'GET', `/api/v1/search?q=${encodeURIComponent('測試稿')}`);
      expect(found.json.results.map((r: { id: number }) => r.id)).toContain(a.id);
    });

    it('shows a correction note with its time on the public article and page', async () => {
      const a = await articleIn('editor', 'published');
      await h.call('editor', 'POST', `${BASE}/${a.id}/unpublish`, { version: a.version });
      h.clock.advance(1000);
      const res = await h.call('editor', 'POST', `${BASE}/${a.id}/publish`, { version: a.version + 1, correctionNote: '更正：<b>日期</b>有誤' });
      const note = { note: '更正：<b>日期</b>有誤', at: h.clock.now().toISOString() };
      expect(res.json.article.correction).toEqual(note);
      expect((await h.call(null, 'GET', `/api/v1/articles/${a.id}`)).json.article.correction).toEqual(note);
      const page = await h.app.inject({ method: 'GET', url: res.json.article.url });
      // Rendered as text: the markup in the note is escaped, never a tag.
      expect(page.body).toContain('更正：&lt;b>日期&lt;/b>有誤');
      expect(page.body).not.toContain('<b>日期');
      expect(page.body).toMatch(/class="correction"[\s\S]*<time[^>]+datetime="2026-11-01T/);
    });
  });
}
