import { AppError } from '../errors/index.js';
import { parseLooseDate } from './dates.js';
import { plainText } from './feed.js';
import type { ItemAuthor, ParsedSource, SourceItem } from './item.js';
import { ingestMessages } from './messages.js';
import { oldPathOf } from './urls.js';
import { attrOf, child, listOf, parseXml, textOf } from './xml.js';

/**
 * Reads a WordPress export (WXR): posts with their categories (→ sections), tags, authors
 * (with e-mail from the export's author list), publish date, status (`publish` → may be
 * published; drafts, pending and private stay drafts), featured image (the attachment its
 * `_thumbnail_id` names) and old URLs (`/?p=ID` and the permalink's path). Pages, attachments,
 * menu items and other types are reported as skipped; trashed posts too.
 *
 * @example
 * parseWxr(xml).items.filter((i) => !i.skip).map((i) => i.oldPaths) // [['/?p=12', '/2024/05/hello'], …]
 */
export function parseWxr(text: string): ParsedSource {
  const doc = parseXml(text, 'wxr');
  const channel = child(child(doc, 'rss'), 'channel');
  if (!channel || child(channel, 'wp:wxr_version') === undefined) throw new AppError('JD_ERR_INGEST_UNREADABLE', { kind: 'wxr', reason: ingestMessages.notWxr });
  const siteName = textOf(child(channel, 'title'));
  const authors = new Map<string, ItemAuthor>();
  for (const a of listOf(child(channel, 'wp:author'))) {
    const login = textOf(child(a, 'wp:author_login'));
    const email = textOf(child(a, 'wp:author_email'));
    const name = textOf(child(a, 'wp:author_display_name')) || login;
    if (login) authors.set(login, { name, login, ...(email ? { email } : {}) });
  }
  const all = listOf(child(channel, 'item'));
  const attachments = new Map<string, string>();
  for (const it of all) if (textOf(child(it, 'wp:post_type')) === 'attachment') attachments.set(textOf(child(it, 'wp:post_id')), textOf(child(it, 'wp:attachment_url')));
  const items = all
    .filter((it) => textOf(child(it, 'wp:post_type')) !== 'attachment')
    .map((it): SourceItem => {
      const type = textOf(child(it, 'wp:post_type')) || 'post';
      const status = textOf(child(it, 'wp:status'));
      const id = textOf(child(it, 'wp:post_id'));
      const link = textOf(child(it, 'link'));
      const cats = listOf(child(it, 'category'));
      const login = textOf(child(it, 'dc:creator'));
      const thumb = listOf(child(it, 'wp:postmeta')).find((m) => textOf(child(m, 'wp:meta_key')) === '_thumbnail_id');
      const body = textOf(child(it, 'content:encoded'));
      const item: SourceItem = {
        guid: textOf(child(it, 'guid')) || `wp:${id}`,
        title: textOf(child(it, 'title')),
        bodyHtml: paragraphs(body),
        summary: plainText(textOf(child(it, 'excerpt:encoded'))),
        publishedAt: parseLooseDate(textOf(child(it, 'wp:post_date_gmt')), '+00:00') ?? parseLooseDate(textOf(child(it, 'wp:post_date'))),
        authors: login ? [authors.get(login) ?? { name: login, login }] : [],
        tags: cats.filter((c) => attrOf(c, 'domain') === 'post_tag').map(textOf).filter(Boolean),
        categories: cats.filter((c) => attrOf(c, 'domain') === 'category').map(textOf).filter(Boolean),
        source: { name: siteName, url: link },
        published: status === 'publish',
        imageUrl: thumb ? attachments.get(textOf(child(thumb, 'wp:meta_value'))) || undefined : undefined,
        oldPaths: [...new Set([id ? `/?p=${id}` : '', link ? (oldPathOf(link) ?? '') : ''].filter(Boolean))],
      };
      if (type !== 'post') return { ...item, skip: ingestMessages.skippedType(type) };
      if (status === 'trash' || status === 'auto-draft') return { ...item, skip: ingestMessages.skippedType(`${status} post`) };
      if (!item.title) return { ...item, problem: ingestMessages.noTitle };
      if (!plainText(item.bodyHtml)) return { ...item, problem: ingestMessages.emptyBody };
      return item;
    });
  return { title: siteName, items };
}

/**
 * WordPress stores post text with bare line breaks (wpautop adds the paragraphs on display):
 * text blocks separated by blank lines become paragraphs, block-level markup stays as it is.
 */
function paragraphs(body: string): string {
  if (/<p[\s>]/i.test(body)) return body;
  return body
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => (/^<(?:h[1-6]|ul|ol|figure|blockquote|table|div|pre|hr)/i.test(block) ? block : `<p>${block.replace(/\n/g, '<br>')}</p>`))
    .join('\n');
}
