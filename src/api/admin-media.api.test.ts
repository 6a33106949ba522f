import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, authHarness, signIn, type AuthHarness, type Browser } from '../auth/auth.testkit.js';
import { testDialects } from '../db/dialects.testkit.js';
import { SCRIPTED_SVG, jpegWithExif, multipart, photo, pngBomb, zipTail, type Part } from '../media/media.testkit.js';

const json = (body: string) => JSON.parse(body);

// The media admin API over HTTP, as the admin UI and integrations call it; the upload limit is
// 1 MB here so that "too large" is cheap to send.
for (const dialect of testDialects()) {
  describe.skipIf(dialect.skip)(`media admin API on ${dialect.name}`, () => {
    let h: AuthHarness;
    let admin: Browser;
    let contributor: Browser;
    let contributorToken: string;
    beforeAll(async () => {
      h = await authHarness(await dialect.open(), { 'max-upload-mb': '1', 'media-avif': 'off' });
      await addUser(h.c, 'admin@example.com', 'admin');
      const contributorId = await addUser(h.c, 'contrib@example.com', 'contributor');
      admin = await signIn(h.app, 'admin@example.com');
      contributor = await signIn(h.app, 'contrib@example.com');
      contributorToken = (await h.c.auth.tokens.create({ name: 'wire', role: 'contributor' }, undefined, contributorId)).secret;
      await h.c.sections.create({ slug: 'world', name: '國際', position: 1 }, h.clock.now().toISOString());
    });
    afterAll(async () => {
      await h?.close();
    });
    const as = (b: Browser) => ({ cookie: b.cookie, 'x-csrf-token': b.csrf });
    const upload = (parts: Part[], headers: Record<string, string> = as(admin)) => {
      const body = multipart(parts);
      return h.app.inject({ method: 'POST', url: '/api/v1/admin/media', headers: { ...headers, ...body.headers }, payload: body.payload });
    };
    const image = (data: Buffer, filename = 'photo.jpg', type = 'image/jpeg'): Part => ({ name: 'file', filename, type, data });
    const error = (res: { statusCode: number; body: string }) => ({ status: res.statusCode, ...json(res.body).error });

    it('uploads JPEG, PNG and WebP: re-encoded, EXIF gone, variants served for srcset', async () => {
      const res = await upload([image(await jpegWithExif(1000, 600)), { name: 'alt', data: '記者會現場' }, { name: 'caption', data: '<b>說明</b>' }, { name: 'credit', data: '攝影：陳' }]);
      expect(res.statusCode).toBe(201);
      const media = json(res.body).media;
      expect(media).toMatchObject({ mime: 'image/jpeg', width: 600, height: 1000, alt: '記者會現場', caption: '<b>說明</b>', credit: '攝影：陳' });
      expect(media.variants.map((v: { width: number }) => v.width)).toEqual([320, 600]);
      const master = await h.app.inject({ method: 'GET', url: media.url });
      expect(master.statusCode).toBe(200);
      expect(master.headers['content-security-policy']).toContain("default-src 'none'");
      const m = await sharp(master.rawPayload).metadata();
      expect([m.format, m.width, m.height, m.exif]).toEqual(['jpeg', 600, 1000, undefined]);
      expect(master.rawPayload.includes('secret-exif-copyright')).toBe(false);
      for (const v of media.variants) {
        const got = await h.app.inject({ method: 'GET', url: v.url });
        expect([got.statusCode, got.headers['content-type']]).toEqual([200, 'image/webp']);
        expect((await sharp(got.rawPayload).metadata()).width).toBe(v.width);
      }
      expect(media.srcset).toContain(`${media.variants[1].url} 600w`);

      // Names and declared types are ignored: a PNG sent as "photo.jpg", image/jpeg is a PNG.
      const png = json((await upload([image(await (await photo(400, 200, 4)).png().toBuffer())])).body).media;
      expect(png).toMatchObject({ mime: 'image/webp', width: 400, height: 200 });
      const webp = json((await upload([image(await (await photo(2200, 1100)).webp().toBuffer(), 'x.bin', 'application/octet-stream')], { authorization: `Bearer ${contributorToken}` })).body).media;
      expect(webp).toMatchObject({ mime: 'image/jpeg', width: 2200, height: 1100 });
      expect(webp.variants.map((v: { width: number }) => v.width)).toEqual([320, 640, 960, 1280, 1920]);
    });

    it('refuses SVG, text named .jpg, polyglots and decompression bombs with clear messages', async () => {
      expect(error(await upload([image(Buffer.from(SCRIPTED_SVG), 'logo.svg', 'image/svg+xml')]))).toMatchObject({
        status: 415,
        code: 'JD_ERR_MEDIA_SVG_REJECTED',
        message: 'SVG images can carry scripts and are not accepted: export the graphic as PNG or WebP',
      });
      expect(error(await upload([image(Buffer.from('這不是圖片，只是改了副檔名的文字。'), 'photo.jpg', 'image/jpeg')]))).toMatchObject({
        status: 415,
        code: 'JD_ERR_MEDIA_UNSUPPORTED_TYPE',
        message: 'the file is a text file, not a supported image: upload a JPEG, PNG, WebP, GIF or AVIF',
      });
      expect(error(await upload([image(zipTail(), 'archive.jpg')]))).toMatchObject({ status: 415, message: expect.stringContaining('a ZIP archive') });
      const jpeg = await (await photo(200, 100)).jpeg().toBuffer();
      const polyglot = error(await upload([image(Buffer.concat([jpeg, zipTail()]))]));
      expect(polyglot).toMatchObject({ status: 400, code: 'JD_ERR_MEDIA_TRAILING_DATA' });
      expect(polyglot.message).toMatch(/^the JPEG file has \d+ bytes of other data after the image \(a hidden archive or script\?\)/);
      expect(error(await upload([image(pngBomb(16_000), 'bomb.png', 'image/png')]))).toMatchObject({
        status: 400,
        code: 'JD_ERR_MEDIA_TOO_MANY_PIXELS',
        message: 'the image is 16000 × 16000 pixels, over the limit of 50 megapixels: scale it down first',
      });
      expect(error(await upload([image(jpeg.subarray(0, 300))]))).toMatchObject({ status: 400, code: 'JD_ERR_MEDIA_CORRUPT' });
      expect(json((await h.app.inject({ method: 'GET', url: '/api/v1/admin/media?limit=100', headers: as(admin) })).body).meta.total).toBe(3);
    });

    it('answers 413 over the size limit, whether declared up front or found while reading', async () => {
      const big = Buffer.concat([await (await photo(64, 64)).jpeg().toBuffer(), Buffer.alloc(1_600_000)]);
      expect(error(await upload([image(big)]))).toMatchObject({ status: 413, code: 'JD_ERR_MEDIA_TOO_LARGE', message: 'the file is larger than the upload limit of 1 MB' });
      // Just over the limit: within the allowance for multipart overhead, so the stream catches it.
      const edge = Buffer.alloc(1024 * 1024 + 10, 1);
      expect(error(await upload([image(edge)]))).toMatchObject({ status: 413, code: 'JD_ERR_MEDIA_TOO_LARGE' });
    });

    it('says what is wrong with the form itself', async () => {
      const jpeg = await (await photo(64, 64)).jpeg().toBuffer();
      expect(error(await upload([{ name: 'alt', data: 'no file' }]))).toMatchObject({ status: 400, code: 'JD_ERR_MEDIA_NO_FILE' });
      expect(error(await h.app.inject({ method: 'POST', url: '/api/v1/admin/media', headers: as(admin), payload: { file: 'x' } }))).toMatchObject({ status: 400, code: 'JD_ERR_MEDIA_NO_FILE' });
      expect(error(await upload([image(jpeg), image(jpeg)]))).toMatchObject({ status: 400, code: 'JD_ERR_MEDIA_BAD_UPLOAD', message: 'the upload could not be read: send exactly one file, in the part named "file"' });
      expect(error(await upload([{ ...image(jpeg), name: 'image' }]))).toMatchObject({ status: 400, code: 'JD_ERR_MEDIA_BAD_UPLOAD' });
      const fields = error(await upload([image(jpeg), { name: 'alt', data: 'x'.repeat(501) }, { name: 'title', data: 'y' }]));
      expect(fields).toMatchObject({ status: 400, code: 'JD_ERR_VALIDATION' });
      expect(Object.keys(fields.fields).sort()).toEqual(['_', 'alt']);
    });

    it('needs a signed-in member with CSRF, and lets members change only their own files', async () => {
      const jpeg = await (await photo(64, 64)).jpeg().toBuffer();
      expect(error(await upload([image(jpeg)], {}))).toMatchObject({ status: 401, code: 'JD_ERR_AUTH_REQUIRED' });
      expect(error(await upload([image(jpeg)], { cookie: admin.cookie }))).toMatchObject({ status: 403, code: 'JD_ERR_AUTH_CSRF' });
      const own = json((await upload([image(jpeg)], as(contributor))).body).media;
      const adminsId = json((await upload([image(jpeg)])).body).media.id;
      const req = (method: 'GET' | 'PATCH' | 'DELETE', url: string, b: Browser, payload?: object) => h.app.inject({ method, url, headers: as(b), ...(payload ? { payload } : {}) });
      expect(json((await req('PATCH', `/api/v1/admin/media/${own.id}`, contributor, { alt: ' 新說明\u0007 ' })).body).media.alt).toBe('新說明');
      expect(error(await req('PATCH', `/api/v1/admin/media/${adminsId}`, contributor, { alt: 'x' }))).toMatchObject({ status: 403, message: 'your role may not change or delete media that others uploaded' });
      expect(error(await req('DELETE', `/api/v1/admin/media/${adminsId}`, contributor))).toMatchObject({ status: 403 });
      expect(error(await req('PATCH', `/api/v1/admin/media/${own.id}`, contributor, { width: 5 }))).toMatchObject({ status: 400, code: 'JD_ERR_VALIDATION' });
      expect(error(await req('GET', '/api/v1/admin/media/999999', admin))).toMatchObject({ status: 404, code: 'JD_ERR_MEDIA_NOT_FOUND' });
      expect(error(await req('GET', '/api/v1/admin/media/abc', admin))).toMatchObject({ status: 400 });
      expect(json((await req('DELETE', `/api/v1/admin/media/${own.id}`, contributor)).body).media.id).toBe(own.id);
      expect((await h.app.inject({ method: 'GET', url: own.url })).statusCode).toBe(404);
      const audit = json((await h.app.inject({ method: 'GET', url: '/api/v1/admin/audit?action=POST%20/api/v1/admin/media', headers: as(admin) })).body);
      expect(audit.meta.total).toBeGreaterThan(0);
    });

    it('keeps a cover from being deleted and gives covers a srcset in the content API', async () => {
      const media = json((await upload([image(await (await photo(1000, 500)).jpeg().toBuffer())])).body).media;
      const article = await h.c.articles.create({ title: '封面', section: 'world', status: 'published', publishedAt: h.clock.now().toISOString(), cover: { mediaId: media.id } });
      const refused = error(await h.app.inject({ method: 'DELETE', url: `/api/v1/admin/media/${media.id}`, headers: as(admin) }));
      expect(refused).toMatchObject({ status: 409, code: 'JD_ERR_MEDIA_IN_USE', message: `media ${media.id} is still used by article ${article.id}: remove it there first` });
      const cover = json((await h.app.inject({ method: 'GET', url: `/api/v1/articles/${article.id}` })).body).article.cover;
      expect(cover).toMatchObject({ url: media.url, width: 1000, height: 500, srcset: media.srcset });
      expect(cover.srcset.split(', ')).toHaveLength(4);
    });
  });
}
