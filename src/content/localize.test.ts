import { describe, expect, it } from 'vitest';
import { ScriptConverter } from '../zh/convert.js';
import { ContentLocalizer } from './localize.js';
import type { ArticleView } from './views.js';

const zh = new ScriptConverter();
const article: ArticleView = {
  id: 7,
  url: '/world/7.html',
  slug: '',
  title: '哈萨克斯坦后来的杂志',
  subtitle: '头发',
  summary: '软件',
  bodyHtml: '<p>网络<img src="/media/发.svg" alt="干燥"></p>',
  section: { id: 1, slug: 'world', name: '國際', url: '/world/', parentId: null, position: 1 },
  tags: [{ slug: 'climate', name: '气候', url: '/tag/climate' }],
  authors: [{ slug: 'lin', name: '林雨涵', bio: '國際新聞編輯', url: '/author/lin' }],
  source: { name: '焦点通讯社', url: 'https://example.com/a' },
  lang: 'zh-Hans',
  status: 'published',
  flags: { headline: false, featured: false, slideshow: false },
  publishedAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  correction: { note: '更正：发布时间', at: null },
  cover: { url: '/media/a.svg', width: 1, height: 1, alt: '杂志', caption: '头发', credit: '焦点图库' },
  readingMinutes: 1,
  version: 1,
};

describe('ContentLocalizer', () => {
  it('converts every text field of a Simplified article from its own script', () => {
    const tw = new ContentLocalizer(zh).article(article, 'zh-TW');
    expect(tw.title).toBe('哈薩克後來的雜誌');
    expect(tw.subtitle).toBe('頭髮');
    expect(tw.summary).toBe('軟體');
    expect(tw.bodyHtml).toBe('<p>網路<img src="/media/发.svg" alt="乾燥"></p>');
    expect(tw.source).toEqual({ name: '焦點通訊社', url: 'https://example.com/a' });
    expect(tw.correction?.note).toBe('更正：釋出時間');
    expect(tw.cover?.caption).toBe('頭髮');
    expect(tw.tags[0]).toEqual({ slug: 'climate', name: '氣候', url: '/tag/climate' });
    expect(tw.url).toBe(article.url);
  });

  it('leaves a Simplified article untouched in zh-Hans and converts names the other way', () => {
    const hans = new ContentLocalizer(zh).article(article, 'zh-Hans');
    expect(hans.title).toBe(article.title);
    expect(hans.bodyHtml).toBe(article.bodyHtml);
    expect(hans.section.name).toBe('国际');
    expect(hans.authors[0]!.bio).toBe('国际新闻编辑');
  });

  it('converts cards without their body', () => {
    const card = new ContentLocalizer(zh).card(article, 'zh-TW');
    expect(card.title).toBe('哈薩克後來的雜誌');
    expect(card.bodyHtml).toBe('');
    expect(new ContentLocalizer(zh).article(article, 'zh-TW').bodyHtml).not.toBe('');
  });

  it('keeps converted names apart by variant and gives the same answer the second time', () => {
    const loc = new ContentLocalizer(zh);
    for (let round = 0; round < 2; round++) {
      expect(loc.name('软件与网络', 'zh-TW')).toBe('軟體與網路');
      expect(loc.name('软件与网络', 'zh-HK')).toBe('軟件與網絡');
      expect(loc.name('軟體與網路', 'zh-Hans')).toBe('软体与网路');
      expect(loc.name('软件与网络', 'zh-Hans')).toBe('软件与网络');
    }
    // A long text is converted as well, just not kept.
    const long = '杂志'.repeat(150);
    expect(loc.name(long, 'zh-Hant')).toBe('雜誌'.repeat(150));
  });

  it('converts a card object once per variant, and a changed card again', () => {
    const loc = new ContentLocalizer(zh);
    const first = loc.card(article, 'zh-TW');
    expect(loc.card(article, 'zh-TW')).toBe(first);
    expect(loc.card(article, 'zh-HK').title).toBe('哈薩克斯坦後來的雜誌');
    expect(loc.card(article, 'zh-Hans')).not.toBe(first);
    const renamed = { ...article, tags: [{ ...article.tags[0]!, name: '天气' }] };
    expect(loc.card(renamed, 'zh-TW').tags[0]!.name).toBe('天氣');
    expect(loc.card(article, 'zh-TW').tags[0]!.name).toBe('氣候');
  });

  it('keeps converted cards within their budget, counting every variant of one view', () => {
    const l = new ContentLocalizer(zh, { cards: 2 });
    // The reader holds its views for long: one view in two variants fills the budget.
    const view = { ...article, id: 1 };
    const tw = l.card(view, 'zh-TW');
    const hk = l.card(view, 'zh-HK');
    expect(l.card(view, 'zh-TW')).toBe(tw);
    l.card({ ...article, id: 2 }, 'zh-TW');
    // The oldest (zh-TW of 1) left the budget, and with it the memo of the still-living view.
    expect(l.card(view, 'zh-HK')).toBe(hk);
    const again = l.card(view, 'zh-TW');
    expect(again).not.toBe(tw);
    expect(again).toEqual(tw);
  });

  it('serves a converted card to the reader\'s new object for the same article version', () => {
    const l = new ContentLocalizer(zh, { cards: 1 });
    const first = l.card(article, 'zh-TW');
    // The reader read the row again (its card cache expired): same version, same names.
    const reread = { ...article };
    expect(l.card(reread, 'zh-TW')).toBe(first);
    l.card({ ...article, id: 2 }, 'zh-TW');
    // Evicted: neither object is answered from the memo any more.
    expect(l.card(reread, 'zh-TW')).not.toBe(first);
    expect(l.card(article, 'zh-TW')).not.toBe(first);
  });

  it('keeps protected terms of the site dictionary', () => {
    const site = new ContentLocalizer(zh.withDictionary([{ match: ['哈萨克斯坦'], outputs: { 'zh-TW': '哈薩克斯坦' } }]));
    expect(site.article(article, 'zh-TW').title).toBe('哈薩克斯坦後來的雜誌');
  });

  it('keeps converted bodies within a budget of characters, dropping the oldest first', () => {
    const body = article.bodyHtml.length;
    const l = new ContentLocalizer(zh, { articleChars: body * 2 });
    const a1 = l.article({ ...article, id: 1 }, 'zh-TW');
    const a2 = l.article({ ...article, id: 2 }, 'zh-TW');
    // Both fit: the same objects come back.
    expect(l.article({ ...article, id: 1 }, 'zh-TW')).toBe(a1);
    expect(l.article({ ...article, id: 2 }, 'zh-TW')).toBe(a2);
    l.article({ ...article, id: 3 }, 'zh-TW');
    // A third is over the budget: the least recently kept one (1) was dropped, 2 was not.
    expect(l.article({ ...article, id: 2 }, 'zh-TW')).toBe(a2);
    expect(l.article({ ...article, id: 1 }, 'zh-TW')).not.toBe(a1);
    expect(l.article({ ...article, id: 1 }, 'zh-TW')).toEqual(a1);
  });
});
