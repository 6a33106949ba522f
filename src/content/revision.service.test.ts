import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../db/dialects.testkit.js';
import { isAppError } from '../errors/index.js';
import { draftAs, newsroom, type Newsroom } from './newsroom.testkit.js';

const caught = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);

for (const dialect of testDialects()) {
  describe.skipIf(dialect.skip)(`revisions on ${dialect.name}`, () => {
    let n: Newsroom;
    beforeAll(async () => {
      n = await newsroom(await dialect.open());
    });
    afterAll(async () => {
      await n?.close();
    });

    it('keeps a revision of every save with who, when and the full field snapshot', async () => {
      const { admin, revisions, workflow } = n.c.newsroom;
      const a = await draftAs(n, 'author', { tags: ['颱風'], summary: '初稿摘要' });
      n.clock.advance(60_000);
      await admin.patch(a.id, 1, { title: '颱風逼近東部', bodyHtml: '<p>第一段</p><p>第二段</p>' }, n.actors.author);
      await workflow.move(a.id, 'publish', n.actors.author, { version: 2 });
      // Saves outside the newsroom API (imports, the CLI) are kept too, by the system.
      await n.c.articles.update(a.id, 3, { ...(await revisions.get(a.id, 3)).snapshot, summary: '系統更新' });
      const list = await revisions.list(a.id, 1, 10);
      expect(list.total).toBe(4);
      expect(list.revisions.map((r) => [r.version, r.action, r.status, r.by.name, r.by.via])).toEqual([
        [4, 'update', 'published', null, 'system'],
        [3, 'publish', 'published', 'author 記者', 'session'],
        [2, 'update', 'draft', 'author 記者', 'session'],
        [1, 'create', 'draft', 'author 記者', 'session'],
      ]);
      const first = await revisions.get(a.id, 1);
      expect(first.snapshot).toMatchObject({ title: '測試稿', summary: '初稿摘要', tags: ['颱風'], authors: ['author'], section: 'world', status: 'draft', bodyHtml: '<p>第一段</p>' });
      expect(first.createdAt).toBe(n.clock.iso(-60_000));
      expect(isAppError(await caught(revisions.get(a.id, 99)), 'JD_ERR_CONTENT_REVISION_NOT_FOUND')).toBe(true);
    });

    it('diffs any two revisions by field and the body by line and word', async () => {
      const { admin, revisions } = n.c.newsroom;
      const a = await draftAs(n, 'editor', { bodyHtml: '<p>颱風今晚登陸</p><p>不變的段落</p>' });
      await admin.patch(a.id, 1, { title: '新標題', tags: ['天氣'], bodyHtml: '<p>颱風明晨登陸</p><p>不變的段落</p><p>新增段落</p>' }, n.actors.editor);
      const d = await revisions.diff(a.id, 1, 2);
      expect(d.fields.map((f) => [f.field, f.before, f.after])).toEqual([
        ['title', '測試稿', '新標題'],
        ['tags', [], ['天氣']],
      ]);
      expect(d.fields[0]!.label).toBe('標題');
      expect(d.body.stats).toEqual({ added: 1, removed: 0, changed: 1 });
      expect(d.body.lines[0]).toMatchObject({ op: 'change', words: [{ op: 'equal', text: '<p>颱風' }, { op: 'delete', text: '今晚' }, { op: 'insert', text: '明晨' }, { op: 'equal', text: '登陸</p>' }] });
      // Either order works; the reverse diff swaps the sides.
      const back = await revisions.diff(a.id, 2, 1);
      expect(back.fields[0]).toMatchObject({ before: '新標題', after: '測試稿' });
    });

    it('restores a revision as a new, version-checked save that keeps the workflow state', async () => {
      const { admin, revisions, workflow } = n.c.newsroom;
      const a = await draftAs(n, 'editor', { title: '原來的標題' });
      await workflow.move(a.id, 'publish', n.actors.editor, { version: 1 });
      await admin.patch(a.id, 2, { title: '改壞了的標題', bodyHtml: '<p>錯誤</p>' }, n.actors.editor);
      const stale = await caught(revisions.restore(a.id, 1, 2, n.actors.editor));
      expect(isAppError(stale, 'JD_ERR_CONTENT_VERSION_CONFLICT')).toBe(true);
      const restored = await revisions.restore(a.id, 1, 3, n.actors.editor);
      expect(restored).toMatchObject({ title: '原來的標題', bodyHtml: '<p>第一段</p>', status: 'published', version: 4 });
      const latest = (await revisions.list(a.id, 1, 1)).revisions[0]!;
      expect(latest).toMatchObject({ version: 4, action: 'restore', note: 'restored version 1' });
      expect(await revisions.changedSince(a.id, 3, 4)).toEqual(['title', 'bodyHtml']);
      expect(await revisions.changedSince(a.id, 2, 4)).toEqual([]);
    });

    it('follows a renamed tag when restoring', async () => {
      const { revisions, taxonomy, admin } = n.c.newsroom;
      const a = await draftAs(n, 'editor', { tags: ['old-tag'] });
      await admin.patch(a.id, 1, { tags: [] }, n.actors.editor);
      const tag = (await taxonomy.tags('old-tag', 1, 5)).tags[0]!;
      await taxonomy.updateTag(tag.id, { version: tag.version, slug: 'new-tag', name: '新標簽' });
      const restored = await revisions.restore(a.id, 1, 2, n.actors.editor);
      expect(restored.tags.map((t) => t.slug)).toEqual(['new-tag']);
    });

    it('never lets two clients overwrite each other: the second save gets a conflict', async () => {
      const { admin } = n.c.newsroom;
      const a = await draftAs(n, 'editor');
      const [one, two] = await Promise.allSettled([
        admin.patch(a.id, 1, { title: '甲的修改' }, n.actors.editor),
        admin.patch(a.id, 1, { summary: '乙的修改' }, n.actors.admin),
      ]);
      const outcomes = [one, two].map((r) => r.status);
      expect(outcomes.sort()).toEqual(['fulfilled', 'rejected']);
      const failed = [one, two].find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(isAppError(failed.reason, 'JD_ERR_CONTENT_VERSION_CONFLICT')).toBe(true);
      const stored = (await admin.get(a.id)).article;
      expect(stored.version).toBe(2);
      expect([stored.title === '甲的修改', stored.summary === '乙的修改'].filter(Boolean)).toHaveLength(1);
    });
  });
}
