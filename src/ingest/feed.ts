import { AppError } from '../errors/index.js';
import { parseLooseDate } from './dates.js';
import type { ItemAuthor, ParsedSource, SourceItem } from './item.js';
import { ingestMessages } from './messages.js';
import { attrOf, child, fastXmlParser, listOf, parseXml, textOf } from './xml.js';

/**
 * Reads an RSS 2.0 or Atom feed into source items. Each item keeps the feed's title and the
 * item's link as its source (來源), its categories for section mapping, and its GUID (Atom
 * `id`; else the link) for dedupe. A malformed document is `JD_ERR_INGEST_UNREADABLE`; an item
 * without a title or text is kept with a `problem`, so it is reported and the rest continue.
 *
 * @example
 * parseFeed(xmlText).items[0].source // { name: '某某通訊社', url: 'https://…/2024/05/a.html' }
 */
export function parseFeed(text: string): ParsedSource {
  const doc = parseXml(text, 'feed');
  const rss = child(doc, 'rss');
  if (rss) return parseRss(child(rss, 'channel'));
  const feed = child(doc, 'feed');
  if (feed) return parseAtom(feed);
  throw new AppError('JD_ERR_INGEST_UNREADABLE', { kind: 'feed', reason: ingestMessages.notAFeed });
}

function parseRss(channel: unknown): ParsedSource {
  if (!channel) throw new AppError('JD_ERR_INGEST_UNREADABLE', { kind: 'feed', reason: ingestMessages.notAFeed });
  const feedTitle = textOf(child(channel, 'title'));
  const items = listOf(child(channel, 'item')).map((it): SourceItem => {
    const link = textOf(child(it, 'link'));
    const guid = textOf(child(it, 'guid')) || link;
    const body = textOf(child(it, 'content:encoded')) || textOf(child(it, 'description'));
    const summary = textOf(child(it, 'content:encoded')) ? textOf(child(it, 'description')) : '';
    const creators = [...listOf(child(it, 'dc:creator')).map(textOf), textOf(child(it, 'author')).replace(/^\S+@\S+\s*\((.*)\)$/, '$1')];
    return finish({
      guid,
      title: textOf(child(it, 'title')),
      bodyHtml: body,
      summary: plainText(summary),
      publishedAt: parseLooseDate(textOf(child(it, 'pubDate')) || textOf(child(it, 'dc:date')), '+00:00'),
      authors: names(creators),
      tags: [],
      categories: [...listOf(child(it, 'category')), ...listOf(child(it, 'dc:subject'))].map(textOf).filter(Boolean),
      source: { name: feedTitle, url: link },
      imageUrl: imageOf(it),
    });
  });
  return { title: feedTitle, items };
}

function parseAtom(feed: unknown): ParsedSource {
  const feedTitle = textOf(child(feed, 'title'));
  const items = listOf(child(feed, 'entry')).map((e): SourceItem => {
    const links = listOf(child(e, 'link'));
    const alternate = links.find((l) => !attrOf(l, 'rel') || attrOf(l, 'rel') === 'alternate');
    const link = attrOf(alternate, 'href');
    const enclosure = links.find((l) => attrOf(l, 'rel') === 'enclosure' && attrOf(l, 'type').startsWith('image/'));
    const authors = listOf(child(e, 'author')).map((a): ItemAuthor => {
      const email = textOf(child(a, 'email'));
      return email ? { name: textOf(child(a, 'name')), email } : { name: textOf(child(a, 'name')) };
    });
    return finish({
      guid: textOf(child(e, 'id')) || link,
      title: textOf(child(e, 'title')),
      bodyHtml: atomText(child(e, 'content')) || atomText(child(e, 'summary')),
      summary: atomText(child(e, 'content')) ? plainText(atomText(child(e, 'summary'))) : '',
      publishedAt: parseLooseDate(textOf(child(e, 'published')) || textOf(child(e, 'updated')), '+00:00'),
      authors: authors.filter((a) => a.name),
      tags: [],
      categories: listOf(child(e, 'category')).map((c) => attrOf(c, 'label') || attrOf(c, 'term')).filter(Boolean),
      source: { name: feedTitle, url: link },
      imageUrl: attrOf(enclosure, 'href') || imageOf(e),
    });
  });
  return { title: feedTitle, items };
}

/** Atom text constructs: `type="text"` is escaped into HTML, html and xhtml are markup. */
function atomText(node: unknown): string {
  if (node === undefined) return '';
  const type = attrOf(node, 'type') || 'text';
  if (type === 'xhtml') return xhtmlOf(child(node, 'div'));
  const t = textOf(node);
  return type === 'text' && t ? `<p>${escapeHtml(t)}</p>` : t;
}

/** Atom xhtml content: the wrapping div's children written back as markup. */
function xhtmlOf(div: unknown): string {
  if (!div || typeof div !== 'object') return textOf(div);
  const inner = Object.fromEntries(Object.entries(div).filter(([k]) => !k.startsWith('@_')));
  const { XMLBuilder } = fastXmlParser();
  return new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_' }).build(inner) as string;
}

function imageOf(item: unknown): string | undefined {
  for (const enc of listOf(child(item, 'enclosure'))) if (attrOf(enc, 'type').startsWith('image/')) return attrOf(enc, 'url');
  for (const m of [...listOf(child(item, 'media:content')), ...listOf(child(item, 'media:thumbnail'))]) {
    const medium = attrOf(m, 'medium');
    if (!medium || medium === 'image') if (attrOf(m, 'url')) return attrOf(m, 'url');
  }
  return undefined;
}

function names(list: readonly string[]): ItemAuthor[] {
  const out: ItemAuthor[] = [];
  for (const raw of list) for (const n of raw.split(/[,，、;；]/).map((s) => s.trim()).filter(Boolean)) if (!out.some((a) => a.name === n)) out.push({ name: n });
  return out;
}

function finish(item: SourceItem): SourceItem {
  if (!item.title) return { ...item, problem: ingestMessages.noTitle };
  if (!plainText(item.bodyHtml)) return { ...item, problem: ingestMessages.emptyBody };
  return item;
}

/** Text of an HTML fragment with tags removed and whitespace collapsed. */
export function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
