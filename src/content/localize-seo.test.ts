import { describe, expect, it } from 'vitest';
import { ScriptConverter } from '../zh/convert.js';
import { ContentLocalizer } from './localize.js';
import type { ArticleView } from './views.js';

const base: ArticleView = {
  id: 8,
  url: '/world/8.html',
  slug: '',
  title: '网络',
  subtitle: '',
  summary: '',
  bodyHtml: '<p>网络</p>',
  section: { id: 1, slug: 'world', name: '國際', url: '/world/', parentId: null, position: 1 },
  tags: [],
  authors: [],
  source: { name: '', url: '' },
  lang: 'zh-Hans',
  status: 'published',
  flags: { headline: false, featured: false, slideshow: false },
  publishedAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  correction: null,
  cover: null,
  readingMinutes: 1,
  version: 1,
};

describe('ContentLocalizer and SEO fields', () => {
  it('converts the SEO title and description with the article, and keeps the canonical URL', () => {
    const l = new ContentLocalizer(new ScriptConverter());
    const a = l.article({ ...base, seo: { title: '软件头发', description: '杂志后来', canonicalUrl: 'https://example.com/发' } }, 'zh-TW');
    expect(a.seo).toEqual({ title: '軟體頭髮', description: '雜誌後來', canonicalUrl: 'https://example.com/发' });
  });

  it('leaves a view without SEO fields without them', () => {
    const l = new ContentLocalizer(new ScriptConverter());
    expect(l.article(base, 'zh-Hant').seo).toBeUndefined();
  });
});
