import { existsSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newsroom, type Newsroom } from '../content/newsroom.testkit.js';
import { testDialects } from '../db/dialects.testkit.js';
import { IMAGE_RULE } from './images.js';
import { startSourceServer, type SourceServer } from './ingest.testkit.js';
import { importerOf } from './wiring.js';

let s: SourceServer;
let n: Newsroom;
beforeAll(async () => {
  s = await startSourceServer();
});
afterAll(() => s.close());
beforeEach(async () => {
  // Downloads and uploads do not depend on the dialect: SQLite alone keeps CI short.
  n = await newsroom(await testDialects().find((d) => d.name === 'sqlite')!.open());
});
afterEach(() => n.close());

const lede = (i: number) => `<p>虛構的第${i}則測試新聞：港灣區圖書館完成整修，館方說明新設的閱覽空間與開放時間，居民表示歡迎。</p>`;
const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A feed whose items have images: relative and absolute, repeated, broken, not images, blocked. */
function imageFeed(base: string): string {
  const first = [
    lede(1),
    '<figure><img src="/img/a.jpg" alt="甲圖"><figcaption>甲圖說明。</figcaption></figure>',
    `<p><img src="${base}/img/b.png" srcset="${base}/img/b-2x.png 2x" alt="乙圖"></p>`,
    `<figure><img src="${base}/img/missing.jpg" alt="失蹤"><figcaption>這張圖不見了。</figcaption></figure>`,
    `<p>附圖：<img src="${base}/img/fake.png" alt="假圖"></p>`,
    '<p><img src="http://169.254.169.254/latest/x.png" alt="內部"></p>',
    '<p>結尾段落，說明圖書館週末的導覽活動。</p>',
  ].join('');
  const second = ['<p>另一則虛構報導：山城市公車處調整夜間路線，新增兩個停靠站，並延長末班車時間到午夜。</p>', `<figure><img src="${base}/img/a.jpg" alt="甲圖再用"><figcaption>同一張圖。</figcaption></figure>`, `<p><img src="${base}/img/c.jpg" alt="丙圖"></p>`].join('');
  const item = (i: number, body: string, extra = '') => `<item><title>圖片測試${i}</title><guid>img-${i}</guid><link>${base}/news/img-${i}.html</link>${extra}<description>${esc(body)}</description></item>`;
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>圖片社</title>${item(1, first, `<enclosure url="${base}/img/a.jpg" type="image/jpeg" length="900"/>`)}${item(2, second)}</channel></rss>`;
}

describe('images of imported items', { timeout: 60_000 }, () => {
  it('moves inline and enclosure images into the media library once each, and reports the ones left out', async () => {
    s.set('/images.xml', { headers: { 'content-type': 'application/rss+xml' }, body: imageFeed(s.base) });
    const before = s.hits.get('/img/a.jpg') ?? 0;
    const report = await importerOf(n.c, { timeoutMs: 10_000 }).run({ kind: 'rss', src: `${s.base}/images.xml`, section: 'world', publish: true, dryRun: false });
    expect(report.items.map((i) => `${i.status}:${i.error}`)).toEqual(['imported:null', 'imported:null']);
    const [first, second] = report.items;
    const srcs = (html: string) => [...html.matchAll(/<img [^>]*?src="([^"]+)"/g)].map((m) => m[1]!);

    // Two images made it (a, b); the 404, the HTML page labelled PNG and the blocked address did not.
    expect(srcs(first!.bodyHtml)).toHaveLength(2);
    for (const src of srcs(first!.bodyHtml)) expect(src).toMatch(/^\/media\/uploads\/\d{4}\/\d{2}\/[0-9a-f]{32}\/master\.jpg$/);
    expect(first!.bodyHtml).toMatch(/<figure><img src="\/media\/uploads\/[^"]+" srcset="\/media\/uploads\/[^"]+w\d+\.webp \d+w" alt="甲圖" \/?><figcaption>甲圖說明。<\/figcaption><\/figure>/);
    expect(first!.bodyHtml).not.toContain('b-2x.png');
    expect(first!.bodyHtml).not.toContain(s.base.replace('http://', ''));
    // A figure whose image is gone goes with its caption; the text around an image stays.
    expect(first!.bodyHtml).not.toContain('這張圖不見了');
    expect(first!.bodyHtml).toContain('<p>附圖：</p>');
    expect(first!.bodyHtml).not.toContain('<p></p>');
    const left = first!.removed.filter((r) => r.rule === IMAGE_RULE).map((r) => r.reason);
    expect(left).toHaveLength(3);
    expect(left.find((r) => r.includes('missing.jpg'))).toMatch(/HTTP 404/);
    expect(left.find((r) => r.includes('fake.png'))).toMatch(/not a supported image/);
    expect(left.find((r) => r.includes('169.254.169.254'))).toMatch(/not an address imports may fetch/);

    // The same URL — enclosure, inline, and in the next item — was fetched and stored once.
    expect((s.hits.get('/img/a.jpg') ?? 0) - before).toBe(1);
    const a = (await n.c.newsroom.admin.get(first!.id!)).article;
    expect(a.status).toBe('published');
    expect(a.cover?.url).toBe(srcs(first!.bodyHtml)[0]);
    expect(srcs(second!.bodyHtml)[0]).toBe(srcs(first!.bodyHtml)[0]);
    const library = await n.c.mediaLibrary.list(1, 20);
    expect(library.total).toBe(3);
    // Stored like uploads: re-encoded by the library (the PNG became a JPEG master), with variants on disk.
    for (const item of library.items) {
      expect(item.mime).toBe('image/jpeg');
      expect(item.credit).toBe('圖片社');
      expect(existsSync(join(n.c.mediaDir, item.url.replace(/^\/media\//, '')))).toBe(true);
      expect(item.variants.length).toBeGreaterThan(0);
    }
    expect((await sharp(join(n.c.mediaDir, library.items[0]!.url.replace(/^\/media\//, ''))).metadata()).format).toBe('jpeg');
  });

  it('downloads and writes nothing in a dry run', async () => {
    s.set('/images-dry.xml', { headers: { 'content-type': 'application/rss+xml' }, body: imageFeed(s.base).replaceAll('img-', 'dry-') });
    const hits = [...s.hits.entries()].filter(([p]) => p.startsWith('/img/')).reduce((t, [, h]) => t + h, 0);
    const report = await importerOf(n.c, { timeoutMs: 10_000 }).run({ kind: 'rss', src: `${s.base}/images-dry.xml`, section: 'world', publish: false, dryRun: true });
    expect(report.items.map((i) => i.status)).toEqual(['imported', 'imported']);
    expect(report.items[0]!.bodyHtml).toContain(`src="${s.base}/img/a.jpg"`);
    expect([...s.hits.entries()].filter(([p]) => p.startsWith('/img/')).reduce((t, [, h]) => t + h, 0)).toBe(hits);
    expect((await n.c.mediaLibrary.list(1, 5)).total).toBe(0);
  });

  it('deletes the images of an item that is not saved, and downloads them again for the next', async () => {
    const body = (i: number) => esc(`<p>${i === 1 ? '虛構的河濱公園今天重新開放，新增自行車道與夜間照明。' : '另一則虛構消息：市立美術館延長週末開放時間，並推出親子導覽。'}</p><p><img src="${s.base}/img/shared.jpg" alt="共用"></p>`);
    // The first item has no section to go to (no --section, no category that maps): it fails after its download.
    const feed = `<?xml version="1.0"?><rss version="2.0"><channel><title>共用社</title><item><title>沒有欄目</title><guid>share-1</guid><description>${body(1)}</description></item><item><title>科技欄目</title><guid>share-2</guid><category>tech</category><description>${body(2)}</description></item></channel></rss>`;
    const report = await importerOf(n.c, { timeoutMs: 10_000 }).run({ kind: 'rss', src: 'shared.xml', bytes: Buffer.from(feed), publish: false, dryRun: false });
    expect(report.items.map((i) => i.status)).toEqual(['failed', 'imported']);
    expect(report.items[1]!.bodyHtml).toMatch(/<img src="\/media\/uploads\//);
    const library = await n.c.mediaLibrary.list(1, 5);
    expect(library.total).toBe(1);
    expect(report.items[1]!.bodyHtml).toContain(library.items[0]!.url);
    expect(s.hits.get('/img/shared.jpg')).toBe(2);
  });

  it('refuses an image over the size limit while it streams', async () => {
    s.set('/img/big.png', { headers: { 'content-type': 'image/png' }, body: Buffer.alloc(300 * 1024, 7) });
    const feed = `<?xml version="1.0"?><rss version="2.0"><channel><title>大圖社</title><item><title>大圖</title><guid>big-1</guid><description>${esc(`${lede(3)}<p><img src="${s.base}/img/big.png" alt="大"></p>`)}</description></item></channel></rss>`;
    const report = await importerOf(n.c, { timeoutMs: 10_000, maxBytes: 256 * 1024 }).run({ kind: 'rss', src: 'big.xml', bytes: Buffer.from(feed), section: 'world', publish: false, dryRun: false });
    expect(report.items[0]!.status).toBe('imported');
    expect(report.items[0]!.bodyHtml).not.toContain('<img');
    expect(report.items[0]!.removed).toEqual([{ rule: IMAGE_RULE, reason: expect.stringMatching(/big\.png .*larger than the import limit of 256 KB/) }]);
  });

  it('moves a single page import’s figures too', async () => {
    const report = await importerOf(n.c, { timeoutMs: 10_000 }).run({ kind: 'html', src: `${s.base}/big5.html`, section: 'world', publish: false, dryRun: false });
    expect(report.items[0]!.bodyHtml).toMatch(/<figure><img src="\/media\/uploads\/[^"]+" srcset="[^"]+" alt="北港漁港" \/?><figcaption>北港漁港清晨卸貨情形。<\/figcaption><\/figure>/);
    expect((await n.c.mediaLibrary.list(1, 5)).total).toBe(1);
  });
});
