import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { renderAtom } from './atom.js';
import type { FeedModel } from './feed-model.js';
import { assertWellFormed, jsonFeedProblems, parseFeed } from './feeds.testkit.js';
import { renderJsonFeed } from './json-feed.js';
import { renderRss } from './rss.js';
import { absolutizeHtml, stripIllegalXml, variantUrl, xml } from './xml.js';

const SITE = 'https://news.example.com';
const base = { siteUrl: SITE, defaultVariant: 'zh-Hant' as const };
// Text an editor or an importer could produce: markup characters, a CDATA terminator, C0
// controls, a lone surrogate and a non-character, next to ordinary Chinese. (Parsers strip
// real HTML tags from titles, so the angle brackets here are not an HTML element.)
const NASTY = 'A & B <晶片>"引號" \'單\' ]]> \u0001\u0008\u000B\u001F\uD800\uFFFE 完';

const model = (full: boolean): FeedModel => ({
  title: `焦點 ${NASTY}`,
  description: '描述 & 說明',
  language: 'zh-TW',
  homeUrl: `${SITE}/zh-tw/`,
  feedUrls: { rss: `${SITE}/zh-tw/feed.xml`, atom: `${SITE}/zh-tw/atom.xml`, json: `${SITE}/zh-tw/feed.json` },
  updated: '2024-03-02T04:05:06.000Z',
  publisher: { name: '焦點', url: `${SITE}/zh-tw/` },
  items: [
    {
      id: `${SITE}/zh-tw/tech/1-a.html`,
      url: `${SITE}/zh-tw/tech/1-a.html`,
      title: `標題 ${NASTY}`,
      summary: `摘要 ${NASTY}`,
      contentHtml: full ? `<p>正文 ${NASTY.replace(/[<>&]/g, '')}</p><p><a href="${SITE}/x?a=1&amp;b=2">連結</a></p>` : null,
      publishedAt: '2024-03-01T01:02:03.000Z',
      updatedAt: '2024-03-02T04:05:06.000Z',
      authors: [{ name: '王 & 李', url: `${SITE}/zh-tw/author/wang` }],
      categories: ['科技', '<AI>'],
      image: `${SITE}/media/a.svg`,
    },
  ],
});

describe('xml helpers', () => {
  it('has a test kit that rejects what strict XML readers reject', () => {
    expect(() => assertWellFormed('<a>x\u0001y</a>')).toThrow(/U\+1 /);
    expect(() => assertWellFormed('<a>x & y</a>')).toThrow(/well-formed/);
  });

  it('escapes markup characters and strips what XML 1.0 forbids', () => {
    expect(xml('a & b < c > d " e \' f')).toBe('a &amp; b &lt; c &gt; d &quot; e &apos; f');
    expect(stripIllegalXml('a\u0000b\u0007c\td\ne\rf\uFFFEg\uD800h😀')).toBe('ab' + 'c\td\ne\rfgh😀');
  });

  it('builds canonical variant URLs: default unprefixed, others prefixed', () => {
    expect(variantUrl(base, 'zh-Hant', '/tech/')).toBe(`${SITE}/tech/`);
    expect(variantUrl(base, 'zh-HK', '/tech/')).toBe(`${SITE}/zh-hk/tech/`);
  });

  it('makes body URLs absolute: media unprefixed, pages in the feed variant', () => {
    const html = '<img src="/media/a.svg" srcset="/media/a.svg 1x, /media/b.svg 2x" /><a href="/tech/1.html">x</a><a href="https://other.org/y">y</a><a href="//cdn.org/z">z</a>';
    expect(absolutizeHtml(html, base, 'zh-TW')).toBe(
      `<img src="${SITE}/media/a.svg" srcset="${SITE}/media/a.svg 1x, ${SITE}/media/b.svg 2x" /><a href="${SITE}/zh-tw/tech/1.html">x</a><a href="https://other.org/y">y</a><a href="//cdn.org/z">z</a>`,
    );
  });
});

describe('serializers survive hostile text', () => {
  for (const full of [true, false]) {
    it(`RSS 2.0 parses strictly and round-trips the text (${full ? 'full' : 'summary'})`, async () => {
      const out = renderRss(model(full));
      const feed = await parseFeed(out);
      expect(feed.meta['#type']).toBe('rss');
      expect(feed.meta.title).toBe(`焦點 ${stripIllegalXml(NASTY)}`);
      const item = feed.items[0]!;
      expect(item.title).toBe(`標題 ${stripIllegalXml(NASTY)}`);
      expect(item.categories).toEqual(['科技', '<AI>']);
      expect(item.pubdate?.toISOString()).toBe('2024-03-01T01:02:03.000Z');
      expect(out.includes('<content:encoded>')).toBe(full);
    });

    it(`Atom 1.0 parses strictly and has its required elements (${full ? 'full' : 'summary'})`, async () => {
      const out = renderAtom(model(full));
      const feed = await parseFeed(out);
      expect(feed.meta['#type']).toBe('atom');
      expect(feed.items[0]!.title).toBe(`標題 ${stripIllegalXml(NASTY)}`);
      const doc = new XMLParser({ ignoreAttributes: false }).parse(out).feed;
      expect(doc.id).toBe(`${SITE}/zh-tw/atom.xml`);
      expect(doc.entry.content === undefined).toBe(!full);
    });

    it(`JSON Feed 1.1 has its required fields and no control characters (${full ? 'full' : 'summary'})`, () => {
      const doc = JSON.parse(renderJsonFeed(model(full)));
      expect(jsonFeedProblems(doc)).toEqual([]);
      expect(doc.items[0].title).toBe(`標題 ${stripIllegalXml(NASTY)}`);
      expect(doc.items[0][full ? 'content_html' : 'content_text']).toBeTruthy();
    });
  }
});
