import type { ArticleView, SectionView } from '../../content/views.js';
import type { Chrome } from '../models.js';

/**
 * Small view-model fixtures for renderer tests. Every builder takes overrides so a test states
 * only what it is about.
 */

export const SITE = 'https://jiaodian.example';

/** The instant every test renders "now" at: 2026-11-27 12:09 in Asia/Taipei. */
export const NOW = '2026-11-27T04:09:00.000Z';

export function section(slug: string, name: string, over: Partial<SectionView> = {}): SectionView {
  return { id: slug.length, slug, name, url: `/${slug}/`, parentId: null, position: 0, ...over };
}

let nextId = 100;

/** An article in 科技; ids increase so lists have distinct keys. */
export function article(over: Partial<ArticleView> = {}): ArticleView {
  const id = over.id ?? nextId++;
  const sec = over.section ?? section('tech', '科技');
  return {
    id,
    url: `/${sec.slug}/${id}.html`,
    slug: '',
    title: `示範文章 ${id}`,
    subtitle: '',
    summary: `摘要 ${id}`,
    bodyHtml: '<p>正文段落。</p>',
    section: sec,
    tags: [],
    authors: [],
    source: { name: '', url: '' },
    lang: 'zh-Hant',
    status: 'published',
    flags: { headline: false, featured: false, slideshow: false },
    publishedAt: '2026-11-27T04:09:00.000Z',
    updatedAt: '2026-11-27T04:09:00.000Z',
    correction: null,
    cover: null,
    readingMinutes: 3,
    version: 1,
    ...over,
  };
}

/**
 * Chrome of a zh-TW page. The default variant (zh-Hant) is served unprefixed, as in
 * production; `path` is the page's variant-less path.
 */
export function chrome(path = '/', over: Partial<Chrome> = {}): Chrome {
  const alt = (variant: Chrome['variant'], prefix: string, label: string) => ({
    variant,
    hreflang: variant,
    url: `${SITE}${prefix}${path}`,
    label,
  });
  return {
    siteName: '焦點',
    siteUrl: SITE,
    variant: 'zh-TW',
    htmlLang: 'zh-TW',
    title: '',
    description: '焦點新聞',
    canonicalUrl: `${SITE}/zh-tw${path}`,
    alternates: [
      alt('zh-Hans', '/zh-hans', '简体'),
      alt('zh-Hant', '', '繁體'),
      alt('zh-TW', '/zh-tw', '台灣'),
      alt('zh-HK', '/zh-hk', '香港'),
    ],
    feedUrl: `${SITE}/zh-tw/feed.xml`,
    nav: [
      { ...section('news', '要聞'), children: [section('taiwan', '台灣', { parentId: 1 })] },
      { ...section('tech', '科技'), children: [] },
    ],
    timezone: 'Asia/Taipei',
    href: (p: string) => `/zh-tw${p}`,
    stylesheet: '/assets/site.abc123.css',
    ...over,
  };
}
