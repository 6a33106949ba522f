import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/permissions.js';
import { testConfig } from '../config/index.js';
import { createContainer, type Container } from '../container.js';
import { testDialects } from '../db/dialects.testkit.js';
import { isAppError } from '../errors/index.js';
import { animatedGif, jpegWithExif, photo } from './media.testkit.js';
import type { MediaItem } from './media-view.js';

// The library over every dialect: what is stored on disk and in the database for each upload.
for (const dialect of testDialects()) {
  describe.skipIf(dialect.skip)(`media library on ${dialect.name}`, () => {
    let c: Container;
    let dir: string;
    let ms = Date.parse('2026-11-05T08:00:00Z');
    let admin: Actor;
    let contributor: Actor;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'jd-media-'));
      c = await createContainer(testConfig({ data: dir }), { db: await dialect.open(), now: () => new Date(ms) });
      admin = { userId: (await c.users.add({ name: '管理員', slug: 'admin', role: 'admin' })).id, role: 'admin', via: 'session' };
      contributor = { userId: (await c.users.add({ name: '投稿人', slug: 'contrib', role: 'contributor' })).id, role: 'contributor', via: 'session' };
      await c.sections.create({ slug: 'world', name: '國際', position: 1 }, new Date(ms).toISOString());
    });
    afterAll(async () => {
      await c?.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const file = (url: string) => join(c.mediaDir, ...decodeURIComponent(url.slice('/media/'.length)).split('/'));
    const meta = (url: string) => sharp(readFileSync(file(url))).metadata();

    it('re-encodes a JPEG upright, without EXIF, with WebP variants no wider than it', async () => {
      const original = await jpegWithExif(1200, 800);
      const item = await c.mediaLibrary.upload({ bytes: original, alt: '港口', caption: '貨櫃碼頭', credit: '焦點圖庫' }, contributor);
      // Orientation 6 turns 1200 × 800 into an upright 800 × 1200.
      expect(item).toMatchObject({ mime: 'image/jpeg', width: 800, height: 1200, alt: '港口', caption: '貨櫃碼頭', credit: '焦點圖庫', uploadedBy: contributor.userId });
      expect(item.url).toMatch(/^\/media\/uploads\/2026\/11\/[0-9a-f]{32}\/master\.jpg$/);
      const stored = readFileSync(file(item.url));
      expect(stored.equals(original)).toBe(false);
      expect(stored.includes('secret-exif-copyright')).toBe(false);
      expect(stored.includes('JDCam')).toBe(false);
      const m = await meta(item.url);
      expect([m.width, m.height, m.exif, m.orientation]).toEqual([800, 1200, undefined, undefined]);
      expect(item.size).toBe(stored.length);
      expect(item.variants.map((v) => [v.width, v.height, v.mime])).toEqual([
        [320, 480, 'image/webp'],
        [640, 960, 'image/webp'],
        [800, 1200, 'image/webp'],
      ]);
      for (const v of item.variants) {
        const vm = await meta(v.url);
        expect([vm.format, vm.width, vm.height, vm.exif]).toEqual(['webp', v.width, v.height, undefined]);
      }
      expect(item.srcset).toBe(item.variants.map((v) => `${v.url} ${v.width}w`).join(', '));
      expect(item.avifSrcset).toBe('');
    });

    it('makes AVIF copies in the background, never on the upload itself', async () => {
      const item = await c.mediaLibrary.upload({ bytes: await (await photo(700, 400)).webp().toBuffer() }, admin);
      expect(item.variants.every((v) => v.mime === 'image/webp')).toBe(true);
      await c.mediaLibrary.idle();
      const later = await c.mediaLibrary.get(item.id);
      expect(later.variants.filter((v) => v.mime === 'image/avif').map((v) => v.width)).toEqual([320, 640, 700]);
      expect(later.avifSrcset).toMatch(/w320\.avif 320w, .*w700\.avif 700w$/);
      expect((await meta(later.variants.find((v) => v.mime === 'image/avif')!.url)).format).toBe('heif');
    });

    it('keeps transparency and animation in a WebP master', async () => {
      const png = await c.mediaLibrary.upload({ bytes: await (await photo(500, 300, 4)).png().toBuffer() }, admin);
      expect(png).toMatchObject({ mime: 'image/webp', width: 500, height: 300 });
      expect(png.url).toMatch(/master\.webp$/);
      expect((await meta(png.url)).hasAlpha).toBe(true);
      const gif = await c.mediaLibrary.upload({ bytes: await animatedGif(120, 80, 3) }, admin);
      expect(gif).toMatchObject({ mime: 'image/webp', width: 120, height: 80 });
      expect((await sharp(readFileSync(file(gif.url)), { animated: true }).metadata()).pages).toBe(3);
    });

    it('lists newest first with paging, and edits text with ownership rules', async () => {
      const { items, total } = await c.mediaLibrary.list(1, 2);
      expect(total).toBe(4);
      expect(items.map((i) => i.id)).toEqual([...items.map((i) => i.id)].sort((a, b) => b - a));
      const second = await c.mediaLibrary.list(2, 2);
      expect(second.items).toHaveLength(2);
      const own = (await c.mediaLibrary.list(1, 10)).items.find((i) => i.uploadedBy === contributor.userId)!;
      expect((await c.mediaLibrary.update(own.id, { alt: '新的替代文字' }, contributor)).alt).toBe('新的替代文字');
      const others = (await c.mediaLibrary.list(1, 10)).items.find((i) => i.uploadedBy === admin.userId)!;
      const denied = await c.mediaLibrary.update(others.id, { alt: 'x' }, contributor).catch((e: unknown) => e);
      expect(isAppError(denied, 'JD_ERR_AUTH_FORBIDDEN')).toBe(true);
      expect((await c.mediaLibrary.update(own.id, { credit: '編輯台' }, admin)).credit).toBe('編輯台');
      expect(isAppError(await c.mediaLibrary.get(999_999).catch((e: unknown) => e), 'JD_ERR_MEDIA_NOT_FOUND')).toBe(true);
    });

    it('refuses to delete what an article uses, then deletes the record and every file', async () => {
      const item: MediaItem = await c.mediaLibrary.upload({ bytes: await (await photo(400, 300)).jpeg().toBuffer() }, admin);
      const cover = await c.articles.create({ title: '封面新聞', section: 'world', cover: { mediaId: item.id } });
      const inBody = await c.articles.create({ title: '正文引用', section: 'world', bodyHtml: `<p><img src="${item.variants[0]!.url}" alt=""></p>` });
      const refused = await c.mediaLibrary.remove(item.id, admin).catch((e: unknown) => e);
      expect(isAppError(refused, 'JD_ERR_MEDIA_IN_USE')).toBe(true);
      expect((refused as Error).message).toBe(`media ${item.id} is still used by article ${cover.id}, ${inBody.id}: remove it there first`);
      await c.db.kysely.deleteFrom('articles').where('id', 'in', [cover.id, inBody.id]).execute();
      await c.mediaLibrary.idle();
      const paths = [item.url, ...item.variants.map((v) => v.url)].map(file);
      expect(paths.every((p) => existsSync(p))).toBe(true);
      await c.mediaLibrary.remove(item.id, admin);
      expect(paths.some((p) => existsSync(p))).toBe(false);
      expect(existsSync(join(paths[0]!, '..'))).toBe(false);
      expect(isAppError(await c.mediaLibrary.get(item.id).catch((e: unknown) => e), 'JD_ERR_MEDIA_NOT_FOUND')).toBe(true);
      ms += 1000;
    });
  });
}
