import type { ArticleView } from '../content/views.js';
import { htmlToText } from '../guard/sanitize.js';
import type { Segmenter } from '../zh/segment.js';
import { INDEX_FIELDS, sortKeyOf, type IndexDoc, type IndexField } from './backend.js';
import { clampToken } from './query.js';

/**
 * Most tokens kept per field. PostgreSQL stops counting positions at 16,383 and a tsvector
 * must stay under 1 MB; a body longer than this is a book, and its start says what it is about.
 */
export const MAX_FIELD_TOKENS = 16_000;

/**
 * The index document of an article: each field's text normalized (NFKC, lower case, t2s) and
 * segmented in search mode, so that a query in either script and for any part of a long word
 * finds it. Published articles are keyed by their publish time, the others by their last save.
 */
export function indexDocOf(article: ArticleView, segmenter: Segmenter): IndexDoc {
  const text: Record<IndexField, string> = {
    title: article.title,
    subtitle: article.subtitle,
    summary: article.summary,
    body: htmlToText(article.bodyHtml),
    tags: article.tags.map((t) => t.name).join('\n'),
    section: article.section.name,
    authors: article.authors.map((a) => a.name).join('\n'),
    source: article.source.name,
  };
  const fields = {} as Record<IndexField, readonly string[]>;
  for (const f of INDEX_FIELDS) fields[f] = text[f] ? segmenter.searchTokens(text[f]).slice(0, MAX_FIELD_TOKENS).map(clampToken) : [];
  const published = article.status === 'published';
  const at = (published ? article.publishedAt : null) ?? article.updatedAt;
  return {
    articleId: article.id,
    sortKey: sortKeyOf(at, article.id),
    published,
    sectionId: article.section.id,
    publishedAt: article.publishedAt,
    fields,
  };
}
