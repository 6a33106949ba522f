import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newsroom, type Newsroom } from '../content/newsroom.testkit.js';
import { testDialects } from '../db/dialects.testkit.js';
import { isAppError } from '../errors/index.js';
import { inspectHtml } from '../guard/integrity.js';
import { xssPayloads } from '../guard/testdata/xss-payloads.js';
import { ingestDb } from './ingest.repo.js';
import { fixture, startSourceServer, type SourceServer } from './ingest.testkit.js';
import type { Importer } from './importer.js';
import { importerOf } from './wiring.js';

let s: SourceServer;
let n: Newsroom;
let importer: Importer;
beforeAll(async () => {
  s = await startSourceServer();
});
afterAll(() => s.close());
// Each item's transaction (section, bylines, article, dedupe, redirects) runs on both dialects;
// parsing-only differences (Atom, HTML pages, the XSS corpus) on SQLite alone, to keep CI short.
for (const dialect of testDialects()) describe.skipIf(dialect.skip)(`importers on ${dialect.name}`, { timeout: 90_000 }, () => {
  beforeEach(async () => {
    n = await newsroom(await dialect.open());
    importer = importerOf(n.c, { timeoutMs: 10_000 });
  });
  afterEach(() => n.close());

  const counts = async () => {
    const k = ingestDb(n.c.db.kysely);
    const one = async (t: 'articles' | 'users' | 'sections' | 'media' | 'ingest_seen' | 'ingest_redirects' | 'tags') => Number((await k.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    return { articles: await one('articles'), users: await one('users'), sections: await one('sections'), media: await one('media'), seen: await one('ingest_seen'), redirects: await one('ingest_redirects'), tags: await one('tags') };
  };

  describe('RSS import', () => {
    it('imports new items as drafts with source, authors and cover; strips spam; skips near-duplicates; reports the bad item', async () => {
      const report = await importer.run({ kind: 'rss', src: `${s.base}/feed.xml`, map: { 国际: 'world' }, publish: false, dryRun: false });
      expect(report.items.map((i) => i.status)).toEqual(['imported', 'imported', 'skipped', 'failed']);
      const [tide, membrane, twin, untitled] = report.items;
      expect(tide!.source).toEqual({ name: '青川通讯社', url: `${s.base}/news/2024/05/03/tide-plant.html` });
      expect(tide!.removed.map((r) => r.rule)).toContain('hidden-block');
      expect(tide!.bodyHtml).not.toContain('赌场');
      expect(tide!.bodyHtml).toContain('<h2>工程历时三年</h2>');
      expect(tide!.tags).toEqual(['能源']);
      expect(tide!.publishedAt).toBe('2024-05-03T02:20:00.000Z');
      expect(twin!.error).toMatch(/near-duplicate of article/);
      expect(untitled!.error).toMatch(/no title/);
      const a = await n.c.newsroom.admin.get(tide!.id!);
      expect(a.article.status).toBe('draft');
      expect(a.article.section.slug).toBe('world');
      expect(a.article.cover).not.toBeNull();
      expect(a.article.authors.map((x) => x.name)).toEqual(['林晓岚']);
      expect(a.article.lang).toBe('zh-Hans');
      const m = await n.c.newsroom.admin.get(membrane!.id!);
      // 科技 is the tech section's name: the category maps by name.
      expect(m.article.section.slug).toBe('tech');
      expect(m.article.authors.map((x) => x.name)).toEqual(['周启明', '韩雪']);

      const again = await importer.run({ kind: 'rss', src: `${s.base}/feed.xml`, map: { 国际: 'world' }, publish: false, dryRun: false });
      expect(again.items.slice(0, 3).map((i) => i.status)).toEqual(['skipped', 'skipped', 'skipped']);
      expect(again.items[0]!.error).toMatch(/already imported as article/);
    });

    it('writes nothing in a dry run but reports what would be stored', async () => {
      const before = await counts();
      const report = await importer.run({ kind: 'rss', src: `${s.base}/feed.xml`, section: 'world', publish: true, dryRun: true });
      expect(report.items.map((i) => i.status)).toEqual(['imported', 'imported', 'skipped', 'failed']);
      expect(report.items[0]!.id).toBeNull();
      expect(report.items[0]!.bodyHtml).toContain('潮汐发电站');
      expect(await counts()).toEqual(before);
      expect(n.events).toHaveLength(0);
    });

    it('refuses an unknown --section before reading anything, and a malformed feed as a whole', async () => {
      await expect(importer.run({ kind: 'rss', src: `${s.base}/feed.xml`, section: 'nope', publish: false, dryRun: false })).rejects.toMatchObject({ fields: { section: 'no section with slug nope' } });
      const bad = join(tmpdir(), `jd-bad-${process.pid}.xml`);
      writeFileSync(bad, fixture('feed.rss.xml', s.base).slice(0, 900));
      const err = await importer.run({ kind: 'rss', src: bad, section: 'world', publish: false, dryRun: false }).catch((e: unknown) => e);
      expect(isAppError(err, 'JD_ERR_INGEST_UNREADABLE')).toBe(true);
      expect((err as Error).message).toMatch(/not well-formed XML \(line \d+/);
    });

    it('reports a feed behind a redirect loop as one clear error', async () => {
      const err = await importer.run({ kind: 'rss', src: `${s.base}/loop-a`, section: 'world', publish: false, dryRun: false }).catch((e: unknown) => e);
      expect((err as Error).message).toMatch(/redirect loop/);
    });
  });

  describe('publishing imports', () => {
    it('goes live by the integrity verdict stored with the article, under the site\'s options', async () => {
      // Links to the site's own pages: internal under the site's options, a link-dense body without them.
      const own = Array.from({ length: 10 }, (_, i) => `<p><a href="${n.c.config.siteUrl}/a/${i + 1}">本站專題第${i + 1}篇：港灣區交通改善計畫的完整說明與後續追蹤報導</a>。</p>`).join('');
      expect(inspectHtml(own).map((f) => f.rule)).toContain('link-density');
      const stuffed = `<p>虛構的山城市議會今天審查明年度預算，議員關注道路養護與長照經費。</p><p>${'北京赛车pk10 '.repeat(14)}</p>`;
      const item = (i: number, body: string) => `<item><title>發布測試${i}</title><guid>pub-${i}</guid><description>${body.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</description></item>`;
      const feed = `<?xml version="1.0"?><rss version="2.0"><channel><title>發布社</title>${item(1, own)}${item(2, stuffed)}</channel></rss>`;
      const report = await importer.run({ kind: 'rss', src: 'pub.xml', bytes: Buffer.from(feed), section: 'world', publish: true, dryRun: false });
      expect(report.items.map((i) => i.status)).toEqual(['imported', 'imported']);
      const [clean, flagged] = await Promise.all(report.items.map((i) => n.c.newsroom.admin.get(i.id!)));
      expect(report.items[0]!.error).toBeNull();
      expect(clean!.article.status).toBe('published');
      expect(clean!.integrity.verdict).toBe('clean');
      expect(report.items[1]!.error).toMatch(/kept as a draft: .*keyword-stuffing/);
      expect(flagged!.article.status).toBe('draft');
      expect(flagged!.integrity.verdict).toBe('flagged');
      // The draft was saved once: one revision, and only its own content event.
      expect(n.events.flatMap((e) => (e.type === 'article.saved' && e.articleId === flagged!.article.id ? [e.status] : []))).toEqual(['draft']);
    });
  });

  describe.skipIf(dialect.name !== 'sqlite')('Atom import', () => {
    it('imports published entries with html and xhtml content, matching an author by e-mail', async () => {
      await n.c.users.add({ email: 'jingyi@harbour.example', name: '陳靜宜（本社）', role: 'author' });
      const report = await importer.run({ kind: 'rss', src: `${s.base}/atom.xml`, section: 'world', publish: true, dryRun: false });
      expect(report.items.map((i) => i.status)).toEqual(['imported', 'imported']);
      const ferry = await n.c.newsroom.admin.get(report.items[0]!.id!);
      expect(ferry.article.status).toBe('published');
      expect(ferry.article.authors.map((a) => a.name)).toEqual(['陳靜宜（本社）']);
      expect(ferry.article.bodyHtml).toContain('<figcaption>西堤碼頭候船區。</figcaption>');
      // A relative image of the source site is fetched from there into the media library.
      expect(ferry.article.bodyHtml).toMatch(/<figure><img src="\/media\/uploads\/[^"]+" srcset="[^"]+" alt="西堤碼頭" \/?><figcaption>/);
      expect(ferry.article.lang).toBe('zh-Hant');
      expect(report.items[1]!.bodyHtml).toContain('<p>虛構的山城市立圖書館宣布');
    });
  });

  describe('WordPress import', () => {
    it('imports posts with sections, tags, authors, dates, featured image and old-URL redirects', async () => {
      await n.c.users.add({ email: 'meiling@xigu.example', name: '許美玲', role: 'author' });
      const report = await importer.run({ kind: 'wxr', src: `${s.base}/export.xml`, section: 'world', publish: true, dryRun: false });
      expect(report.items.map((i) => `${i.status}:${i.title}`)).toEqual(['imported:溪谷鎮完成河堤步道整修', 'imported:老街燈節吸引三萬人次', 'imported:溪谷鎮公車路線調整草案', 'skipped:關於我們', 'skipped:舊稿']);
      const trail = await n.c.newsroom.admin.get(report.items[0]!.id!);
      expect(trail.article.section.name).toBe('地方');
      expect(trail.article.section.slug).toBe('di-fang');
      expect(trail.article.tags.map((t) => t.name)).toEqual(['河川']);
      expect(trail.article.authors.map((a) => a.slug)).toEqual(['meiling']);
      expect(trail.article.publishedAt).toBe('2024-05-02T01:30:00.000Z');
      expect(trail.article.status).toBe('published');
      expect(trail.article.cover?.url).toMatch(/^\/media\/uploads\//);
      expect(trail.article.bodyHtml).toContain('<h2>新增夜間照明</h2>');
      // The image on the old site moved into the media library with its caption kept.
      expect(trail.article.bodyHtml).toMatch(/<figure><img src="\/media\/uploads\/[^"]+" srcset="[^"]*" alt="河堤步道" \/?><figcaption>整修後的河堤步道。<\/figcaption><\/figure>/);
      expect(trail.article.bodyHtml).toMatch(/<p>虛構的溪谷鎮公所/);
      const lantern = await n.c.newsroom.admin.get(report.items[1]!.id!);
      expect(lantern.article.section.slug).toBe('wen-hua');
      expect(lantern.article.tags.map((t) => t.name).sort()).toEqual(['地方', '燈節'].sort());
      expect(lantern.article.authors.map((a) => a.name)).toEqual(['蔡凱文']);
      const draft = await n.c.newsroom.admin.get(report.items[2]!.id!);
      expect(draft.article.status).toBe('draft');
      expect(draft.article.section.slug).toBe('world');
      const k = ingestDb(n.c.db.kysely);
      const redirects = await k.selectFrom('ingest_redirects').select(['old_path', 'article_id']).orderBy('old_path').execute();
      expect(redirects).toEqual(
        expect.arrayContaining([
          { old_path: '/?p=101', article_id: trail.article.id },
          { old_path: '/2024/05/riverside-trail', article_id: trail.article.id },
          { old_path: '/?p=102', article_id: lantern.article.id },
        ]),
      );
    });
  });

  describe.skipIf(dialect.name !== 'sqlite')('HTML page import', () => {
    it('extracts the GBK and Big5 portal pages without furniture or spam', async () => {
      const gbk = await importer.run({ kind: 'html', src: `${s.base}/gbk.html`, section: 'world', publish: false, dryRun: false });
      const big5 = await importer.run({ kind: 'html', src: `${s.base}/big5.html`, section: 'world', publish: false, dryRun: false });
      const [g, b] = [gbk.items[0]!, big5.items[0]!];
      expect(g.status).toBe('imported');
      expect(g.title).toBe('南岭县试点乡村医生远程问诊');
      expect(g.publishedAt).toBe('2024-05-03T02:20:00.000Z');
      expect(g.source.name).toBe('东江日报');
      expect(g.tags).toEqual(expect.arrayContaining(['远程医疗', '乡村振兴']));
      expect(g.bodyHtml).toContain('<h2>老人看病少跑路</h2>');
      expect(g.bodyHtml).toMatch(/<figure><img src="\/media\/uploads\/[^"]+" srcset="[^"]+" alt="村卫生室" \/?><figcaption>/);
      for (const junk of ['新葡京', '分享到微博', '网友评论', '相关新闻', '版权所有', '首页', '广告']) expect(g.bodyHtml, junk).not.toContain(junk);
      expect(g.removed.map((r) => r.rule)).toContain('hidden-block');
      const ga = await n.c.newsroom.admin.get(g.id!);
      expect(ga.article.authors.map((a) => a.name)).toEqual(['郑晓辉', '孙海燕']);

      expect(b.title).toBe('北港漁會推動友善漁法 漁獲可追溯');
      expect(b.publishedAt).toBe('2024-05-03T06:05:00.000Z');
      expect(b.source.name).toBe('海岸新聞網');
      expect(b.bodyHtml).toContain('<figcaption>北港漁港清晨卸貨情形。</figcaption>');
      for (const junk of ['娛樂城', '延伸閱讀', '留言', '隱私權', 'LINE']) expect(b.bodyHtml, junk).not.toContain(junk);
      expect((await n.c.newsroom.admin.get(b.id!)).article.authors.map((a) => a.name)).toEqual(['劉家豪']);
    });
  });

  describe.skipIf(dialect.name !== 'sqlite')('the XSS corpus through every importer', () => {
    const scriptFree = (html: string) => {
      expect(html).not.toMatch(/<script|<iframe|<object|<embed|<svg|<math|<style|<form|<meta|<base|\son\w+\s*=|javascript:|data:text/i);
    };

    it('leaves no payload in what RSS, Atom, WordPress and HTML imports store', async () => {
      const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      const body = (i: number, html: string) => `<p>第${i}篇虛構測試稿，用來確認匯入時不會留下任何可執行的內容。</p>${html}`;
      const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>XSS</title>${xssPayloads.map((p, i) => `<item><title>rss ${p.id}</title><guid>rss-${i}</guid><link>https://xss.example/${i}</link><description>${esc(body(i, p.html))}</description></item>`).join('')}</channel></rss>`;
      const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>XSS</title>${xssPayloads.map((p, i) => `<entry><title>atom ${p.id}</title><id>atom-${i}</id><content type="html">${esc(body(i, p.html))}</content></entry>`).join('')}</feed>`;
      const wxr = `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>XSS</title><wp:wxr_version>1.2</wp:wxr_version>${xssPayloads.map((p, i) => `<item><title>wxr ${p.id}</title><guid>wxr-${i}</guid><wp:post_id>${i + 1}</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status><content:encoded>${esc(body(i, p.html))}</content:encoded></item>`).join('')}</channel></rss>`;
      const reports = [
        await importer.run({ kind: 'rss', src: 'rss.xml', bytes: Buffer.from(rss), section: 'world', publish: false, dryRun: true }),
        await importer.run({ kind: 'rss', src: 'atom.xml', bytes: Buffer.from(atom), section: 'world', publish: false, dryRun: true }),
        await importer.run({ kind: 'wxr', src: 'export.xml', bytes: Buffer.from(wxr), section: 'world', publish: false, dryRun: true }),
      ];
      for (const [i, p] of xssPayloads.entries()) {
        const page = `<!doctype html><html><head><title>html ${p.id} | 測試網</title></head><body><article><h1>html ${p.id}</h1>${body(i, p.html)}<p>${'補充說明的段落，讓正文足夠長，能被擷取。'.repeat(4)}</p></article></body></html>`;
        reports.push(await importer.run({ kind: 'html', src: 'page.html', bytes: Buffer.from(page), section: 'world', publish: false, dryRun: true }));
      }
      const items = reports.flatMap((r) => r.items);
      expect(items.length).toBe(xssPayloads.length * 4);
      for (const item of items) {
        if (item.status === 'imported') scriptFree(item.bodyHtml);
        else expect(item.status, `${item.title}: ${item.error}`).not.toBe('failed');
      }
    });
  });
});
