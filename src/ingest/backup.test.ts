import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { testConfig } from '../config/index.js';
import { createContainer } from '../container.js';
import { newsroom } from '../content/newsroom.testkit.js';
import { testDialects } from '../db/dialects.testkit.js';
import { isAppError } from '../errors/index.js';
import { createBackup } from './backup.js';
import { restoreBackup } from './restore.js';
import { Subscriptions } from './subscriptions.js';
import { importerOf } from './wiring.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

for (const dialect of testDialects()) {
  describe.skipIf(dialect.skip)(`JSON backup on ${dialect.name}`, () => {
    it('round-trips losslessly: export, restore into an empty database, export again', async () => {
      const n = await newsroom(await dialect.open());
      const { c, actors } = n;
      const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c33' } }).png().toBuffer();
      const media = await c.mediaLibrary.upload({ bytes: png, alt: '紅色方塊', caption: '測試圖', credit: '本報' }, actors.editor);
      const a = await c.newsroom.admin.create({ title: '港口擴建案通過環評', section: 'world', tags: ['港口', '環評'], bodyHtml: '<p>虛構的港口擴建案通過環評。</p><h2>下一步</h2><p>市府將舉辦說明會。</p>', source: { name: '本報', url: 'https://example.com/a' }, cover: { mediaId: media.id, caption: '港口', credit: '本報' } }, actors.author);
      const b = await c.newsroom.admin.create({ title: 'Second draft 第二篇', section: 'tech', bodyHtml: '<p>草稿內容。</p>' }, actors.editor);
      await c.newsroom.admin.patch(a.article.id, a.article.version, { subtitle: '副標題' }, actors.author);
      await c.newsroom.workflow.move(a.article.id, 'publish', actors.editor, { version: a.article.version + 1 });
      await c.dictionary.add({ match: ['哈萨克斯坦'], outputs: { 'zh-Hant': '哈薩克' }, note: '國名' } as never);
      await new Subscriptions({ db: c.db.kysely, importer: importerOf(c), now: () => new Date() }).add({ url: 'https://feeds.example.com/rss', section: 'world', publish: false, everyMinutes: 30 });
      const first = await createBackup(c.db, c.mediaDir);
      expect(first.tables.articles).toHaveLength(2);
      expect(first.tables.article_revisions!.length).toBeGreaterThanOrEqual(3);
      expect(Object.values(first.files).every((f) => typeof f === 'string')).toBe(true);
      expect(first.tables.users!.some((u) => u.slug === 'admin')).toBe(true);
      void b;

      const dir = mkdtempSync(join(tmpdir(), 'jd-restore-'));
      dirs.push(dir);
      const fresh = await createContainer(testConfig({ data: dir }), { db: await dialect.open() });
      try {
        const report = await restoreBackup({ db: fresh.db, mediaDir: fresh.mediaDir, rebuild: async () => void (await fresh.search.indexer.reindex()) }, JSON.stringify(first), { dryRun: false });
        expect(report.items.map((i) => [i.status, i.id, i.removed.length])).toEqual([
          ['imported', a.article.id, 0],
          ['imported', b.article.id, 0],
        ]);
        const second = await createBackup(fresh.db, fresh.mediaDir);
        expect(second).toEqual(first);
        expect(JSON.stringify(second)).toBe(JSON.stringify(first));
        // Restored articles are served and searchable; new rows get fresh ids.
        const restored = await fresh.site.reader.published(a.article.id);
        expect(restored.cover?.url).toBeTruthy();
        expect(existsSync(join(fresh.mediaDir, String(first.tables.media![0]!.path)))).toBe(true);
        const next = await fresh.newsroom.admin.create({ title: '還原後的新稿', section: 'world', bodyHtml: '<p>新稿。</p>' }, { ...actors.editor });
        expect(next.article.id).toBeGreaterThan(b.article.id);
        // A second restore into the now non-empty database is refused.
        const again = await restoreBackup({ db: fresh.db, mediaDir: fresh.mediaDir, rebuild: async () => {} }, JSON.stringify(first), { dryRun: false }).catch((e: unknown) => e);
        expect(isAppError(again, 'JD_ERR_INGEST_RESTORE_NOT_EMPTY')).toBe(true);
      } finally {
        await fresh.close();
        await n.close();
      }
    }, 60_000);

    it('checks a backup before writing: bad JSON, foreign documents, dry runs and tampered bodies', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'jd-restore-'));
      dirs.push(dir);
      const c = await createContainer(testConfig({ data: dir }), { db: await dialect.open() });
      const deps = { db: c.db, mediaDir: c.mediaDir, rebuild: async () => {} };
      try {
        const err = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => (e as Error).message);
        expect(await err(restoreBackup(deps, '{"format": "jiaodian-backup", "version": 1, "tab', { dryRun: false }))).toMatch(/not valid JSON/);
        expect(await err(restoreBackup(deps, '{"items": []}', { dryRun: false }))).toMatch(/not a Jiaodian backup: format/);
        const now = '2026-11-01T00:00:00.000Z';
        const doc = {
          format: 'jiaodian-backup',
          version: 1,
          tables: {
            sections: [{ id: 3, parent_id: null, slug: 'world', name: '國際', description: '', position: 0, created_at: now, updated_at: now, version: 1 }],
            articles: [{ id: 7, slug: '', title: '竄改', subtitle: '', summary: '', body_html: '<p>正文</p><script>alert(1)</script>', cover_media_id: null, cover_caption: '', cover_credit: '', section_id: 3, source_name: '', source_url: '', lang: 'zh-Hant', status: 'draft', is_headline: 0, is_featured: 0, is_slideshow: 0, published_at: null, created_at: now, updated_at: now, correction_note: '', corrected_at: null, version: 1, publish_at: null, created_by: null }],
          },
          files: {},
        };
        const dry = await restoreBackup(deps, JSON.stringify(doc), { dryRun: true });
        expect(dry.items[0]).toMatchObject({ id: null, bodyHtml: '<p>正文</p>', removed: [{ rule: 'sanitize' }] });
        expect((await createBackup(c.db, c.mediaDir)).tables.articles).toEqual([]);
        const real = await restoreBackup(deps, JSON.stringify(doc), { dryRun: false });
        expect(real.items[0]!.id).toBe(7);
        expect((await c.newsroom.admin.get(7)).article.bodyHtml).toBe('<p>正文</p>');
      } finally {
        await c.close();
      }
    }, 60_000);

    it('inspects restored bodies again: a backup cannot hide the guard’s findings', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'jd-restore-'));
      dirs.push(dir);
      const c = await createContainer(testConfig({ data: dir }), { db: await dialect.open() });
      try {
        const now = '2026-11-01T00:00:00.000Z';
        const farm = Array.from({ length: 12 }, (_, i) => `<a href="https://casino${i}.example/">澳門賭場百家樂${i}</a>`).join(' ');
        const doc = {
          format: 'jiaodian-backup',
          version: 1,
          tables: {
            sections: [{ id: 3, parent_id: null, slug: 'world', name: '國際', description: '', position: 0, created_at: now, updated_at: now, version: 1 }],
            articles: [{ id: 8, slug: '', title: '藏起來的鏈接', subtitle: '', summary: '', body_html: `<p>正文</p><p style="display:none">${farm}</p>`, integrity_findings: '[]', cover_media_id: null, cover_caption: '', cover_credit: '', section_id: 3, source_name: '', source_url: '', lang: 'zh-Hant', status: 'published', is_headline: 0, is_featured: 0, is_slideshow: 0, published_at: now, created_at: now, updated_at: now, correction_note: '', corrected_at: null, version: 1, publish_at: null, created_by: null }],
          },
          files: {},
        };
        const report = await restoreBackup({ db: c.db, mediaDir: c.mediaDir, rebuild: async () => {} }, JSON.stringify(doc), { dryRun: false });
        expect(report.items[0]!.removed).toContainEqual(expect.objectContaining({ rule: 'integrity' }));
        const integrity = (await c.newsroom.admin.get(8)).integrity;
        expect(integrity.verdict).toBe('flagged');
        expect(integrity.findings.length).toBeGreaterThan(0);
      } finally {
        await c.close();
      }
    }, 60_000);
  });
}
