import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../db/dialects.testkit.js';
import { isAppError } from '../errors/index.js';
import { draftAs, newsroom, type Newsroom } from './newsroom.testkit.js';

const caught = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);

for (const dialect of testDialects()) {
  describe.skipIf(dialect.skip)(`the workflow on ${dialect.name}`, () => {
    let n: Newsroom;
    beforeAll(async () => {
      n = await newsroom(await dialect.open());
    });
    afterAll(async () => {
      await n?.close();
    });

    it('takes a contributor’s draft through review to publication, announcing each move', async () => {
      const { workflow } = n.c.newsroom;
      const a = await draftAs(n, 'contributor');
      expect(a.status).toBe('draft');
      expect(a.authors.map((x) => x.slug)).toEqual(['contributor']);
      n.events.length = 0;
      const submitted = await workflow.move(a.id, 'submit', n.actors.contributor, { version: 1 });
      expect(submitted).toEqual({ id: a.id, from: 'draft', to: 'in_review', version: 2 });
      const approved = await workflow.move(a.id, 'approve', n.actors.editor, { version: 2 });
      expect(approved.to).toBe('published');
      const live = await n.c.site.reader.published(a.id);
      expect(live.publishedAt).toBe(n.clock.iso());
      expect(n.events.map((e) => (e.type === 'article.saved' ? `${e.previousStatus}→${e.status}` : e.type))).toEqual(['draft→in_review', 'in_review→published']);
    });

    it('returns an article with a required comment, and a new submission clears it', async () => {
      const { workflow, admin } = n.c.newsroom;
      const a = await draftAs(n, 'contributor');
      await workflow.move(a.id, 'submit', n.actors.contributor, { version: 1 });
      const noComment = await caught(workflow.move(a.id, 'return', n.actors.editor, { version: 2, comment: '  ' }));
      expect(isAppError(noComment, 'JD_ERR_VALIDATION')).toBe(true);
      expect((noComment as { fields: object }).fields).toHaveProperty('comment');
      await workflow.move(a.id, 'return', n.actors.editor, { version: 2, comment: '請補充消息來源' });
      expect((await admin.get(a.id)).reviewNote).toBe('請補充消息來源');
      expect((await admin.get(a.id)).article.status).toBe('draft');
      await workflow.move(a.id, 'submit', n.actors.contributor, { version: 3 });
      expect((await admin.get(a.id)).reviewNote).toBe('');
    });

    it('refuses moves by role (403), on a stale version (409) and from the wrong status (409)', async () => {
      const { workflow } = n.c.newsroom;
      const a = await draftAs(n, 'contributor');
      expect(isAppError(await caught(workflow.move(a.id, 'publish', n.actors.contributor, { version: 1 })), 'JD_ERR_AUTH_FORBIDDEN')).toBe(true);
      expect(isAppError(await caught(workflow.move(a.id, 'submit', n.actors.author, { version: 1 })), 'JD_ERR_AUTH_FORBIDDEN')).toBe(true);
      expect(isAppError(await caught(workflow.move(a.id, 'submit', n.actors.contributor, { version: 9 })), 'JD_ERR_CONTENT_VERSION_CONFLICT')).toBe(true);
      const wrong = await caught(workflow.move(a.id, 'approve', n.actors.editor, { version: 1 }));
      expect(isAppError(wrong, 'JD_ERR_CONTENT_TRANSITION_INVALID')).toBe(true);
      expect((wrong as Error).message).toBe('cannot approve an article that is draft');
      expect(isAppError(await caught(workflow.move(999_999, 'submit', n.actors.editor, { version: 1 })), 'JD_ERR_CONTENT_ARTICLE_NOT_FOUND')).toBe(true);
    });

    it('lets authors publish their own articles, not a colleague’s', async () => {
      const { workflow } = n.c.newsroom;
      const mine = await draftAs(n, 'author');
      const theirs = await draftAs(n, 'author2');
      expect((await workflow.move(mine.id, 'publish', n.actors.author, { version: 1 })).to).toBe('published');
      expect(isAppError(await caught(workflow.move(theirs.id, 'publish', n.actors.author, { version: 1 })), 'JD_ERR_AUTH_FORBIDDEN')).toBe(true);
    });

    it('keeps the original publish time on re-publish unless told, and shows a correction with its time', async () => {
      const { workflow } = n.c.newsroom;
      const a = await draftAs(n, 'author');
      await workflow.move(a.id, 'publish', n.actors.author, { version: 1 });
      const first = n.clock.iso();
      n.clock.advance(3_600_000);
      await workflow.move(a.id, 'unpublish', n.actors.editor, { version: 2 });
      expect(isAppError(await caught(n.c.site.reader.published(a.id)), 'JD_ERR_CONTENT_ARTICLE_NOT_FOUND')).toBe(true);
      n.clock.advance(3_600_000);
      await workflow.move(a.id, 'publish', n.actors.editor, { version: 3, correctionNote: '更正：標題中的日期有誤。' });
      const again = await n.c.site.reader.published(a.id);
      expect(again.publishedAt).toBe(first);
      expect(again.correction).toEqual({ note: '更正：標題中的日期有誤。', at: n.clock.iso() });
      await workflow.move(a.id, 'unpublish', n.actors.editor, { version: 4, to: 'archived' });
      expect(isAppError(await caught(n.c.site.reader.published(a.id)), 'JD_ERR_CONTENT_ARTICLE_GONE')).toBe(true);
      n.clock.advance(60_000);
      await workflow.move(a.id, 'publish', n.actors.editor, { version: 5, resetPublishedAt: true });
      expect((await n.c.site.reader.published(a.id)).publishedAt).toBe(n.clock.iso());
    });

    it('schedules only in the future, and approving with a time schedules', async () => {
      const { workflow, admin } = n.c.newsroom;
      const a = await draftAs(n, 'author');
      const past = await caught(workflow.move(a.id, 'schedule', n.actors.author, { version: 1, publishAt: n.clock.iso(-1000) }));
      expect((past as { fields: object }).fields).toHaveProperty('publishAt');
      await workflow.move(a.id, 'schedule', n.actors.author, { version: 1, publishAt: n.clock.iso(60_000) });
      expect((await admin.get(a.id)).publishAt).toBe(n.clock.iso(60_000));
      const b = await draftAs(n, 'contributor');
      await workflow.move(b.id, 'submit', n.actors.contributor, { version: 1 });
      expect((await workflow.move(b.id, 'approve', n.actors.editor, { version: 2, publishAt: n.clock.iso(120_000) })).to).toBe('scheduled');
      // Cancelling goes back to a draft without an embargo.
      await workflow.move(b.id, 'unpublish', n.actors.editor, { version: 3 });
      expect((await admin.get(b.id)).publishAt).toBeNull();
    });
  });
}
