import { describe, expect, it } from 'vitest';
import type { ArticleSeo, ArticleView } from '../content/views.js';
import type { ArticleModel } from './models.js';
import { renderArticle } from './render.js';
import { article, chrome, NOW, section, SITE } from './testdata/fixtures.testkit.js';
import { element, metas } from './testdata/html.testkit.js';

function page(seo: ArticleSeo | undefined): string {
  const over: Partial<ArticleView> = { id: 42, url: '/tech/42-robot.html', title: '機器人走進課堂', summary: '三所小學試行一學期。', section: section('tech', '科技') };
  const a = article(seo ? { ...over, seo } : over);
  const model: ArticleModel = {
    chrome: chrome(a.url, { title: a.title, description: a.summary }),
    article: a,
    breadcrumbs: [{ label: '首頁', url: '/' }, { label: '科技', url: '/tech/' }, { label: '正文', url: '' }],
    related: [],
    featured: [],
    relatedWords: [],
    recommended: [],
  };
  return element(renderArticle(model, { now: NOW }), '<head>');
}

const unset: ArticleSeo = { title: '', description: '', canonicalUrl: '' };

describe('article head: SEO fields', () => {
  it('renders exactly the same head when no SEO field is set', () => {
    expect(page(unset)).toBe(page(undefined));
  });

  it('uses the SEO title whole for <title> and the social titles', () => {
    const html = page({ ...unset, title: '機器人老師：三所小學的實驗' });
    expect(html).toContain('<title>機器人老師：三所小學的實驗</title>');
    expect(metas(html, 'og:title')).toEqual(['機器人老師：三所小學的實驗']);
    expect(metas(html, 'twitter:title')).toEqual(['機器人老師：三所小學的實驗']);
    // The description stays the summary.
    expect(metas(html, 'description')).toEqual(['三所小學試行一學期。']);
  });

  it('uses the SEO description for the meta, Open Graph and Twitter descriptions', () => {
    const html = page({ ...unset, description: '教育局試行機器人助教，家長反應兩極。' });
    expect(metas(html, 'description')).toEqual(['教育局試行機器人助教，家長反應兩極。']);
    expect(metas(html, 'og:description')).toEqual(['教育局試行機器人助教，家長反應兩極。']);
    expect(metas(html, 'twitter:description')).toEqual(['教育局試行機器人助教，家長反應兩極。']);
    expect(html).toContain('<title>機器人走進課堂 - ');
  });

  it('points the canonical link and og:url at the canonical override', () => {
    const html = page({ ...unset, canonicalUrl: 'https://wire.example/2026/robot' });
    expect(html).toContain('<link rel="canonical" href="https://wire.example/2026/robot"/>');
    expect(metas(html, 'og:url')).toEqual(['https://wire.example/2026/robot']);
  });

  it('ignores a canonical override that is not http(s), and escapes SEO text', () => {
    const html = page({ title: '"><script>x</script>', description: '', canonicalUrl: 'javascript:alert(1)' });
    expect(html).toContain(`<link rel="canonical" href="${SITE}/`);
    expect(html).not.toContain('javascript:');
    expect(html).not.toContain('<script>x');
    expect(html).toContain('&lt;script>x');
  });
});
