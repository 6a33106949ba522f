import type { ArticleView, SectionView } from '../content/views.js';
import type { SectionNode } from '../content/section.service.js';
import { srcsetForUrl } from '../media/variants.js';

/**
 * The public JSON shape of an article. `url` is the public path (prefix it with the site's
 * origin or a variant prefix); `canonicalUrl` is absolute (the editor's SEO canonical URL when set).
 */
export function articleJson(a: ArticleView, siteUrl: string) {
  return {
    id: a.id,
    url: a.url,
    // An editor's canonical URL (copy first published elsewhere) wins over the article's own.
    canonicalUrl: a.seo?.canonicalUrl || siteUrl + a.url,
    slug: a.slug,
    title: a.title,
    subtitle: a.subtitle,
    summary: a.summary,
    bodyHtml: a.bodyHtml,
    section: sectionRef(a.section),
    tags: a.tags.map((t) => ({ slug: t.slug, name: t.name, url: t.url })),
    authors: a.authors.map((p) => ({ slug: p.slug, name: p.name, url: p.url })),
    source: { name: a.source.name, url: a.source.url },
    lang: a.lang,
    flags: a.flags,
    publishedAt: a.publishedAt,
    updatedAt: a.updatedAt,
    correction: a.correction,
    // Uploaded covers also carry their WebP `srcset` (empty for media that are not uploads).
    cover: a.cover ? { ...a.cover, srcset: srcsetForUrl(a.cover.url, a.cover.width) } : null,
    readingMinutes: a.readingMinutes,
    version: a.version,
  };
}

function sectionRef(s: SectionView) {
  return { id: s.id, slug: s.slug, name: s.name, url: s.url };
}

/** The public JSON shape of a section, with its children. */
export function sectionJson(s: SectionNode): ReturnType<typeof sectionRef> & { parent: number | null; position: number; children: unknown[] } {
  return { ...sectionRef(s), parent: s.parentId, position: s.position, children: s.children.map(sectionJson) };
}
