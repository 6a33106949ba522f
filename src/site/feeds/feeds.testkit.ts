// Test helpers for feeds: a real feed parser (feedparser) behind a strict well-formedness check,
// and the JSON Feed 1.1 required-field check.
import { Readable } from 'node:stream';
import { XMLValidator } from 'fast-xml-parser';
import FeedParser from 'feedparser';

/** A feed as feedparser reads it. */
export interface ParsedFeed {
  readonly meta: FeedParser.Meta;
  readonly items: FeedParser.Item[];
}

/**
 * Parses RSS or Atom with feedparser; rejects on any XML or feed error. feedparser's own strict
 * mode keeps element case and so stops recognising `pubDate`: well-formedness is checked by
 * fast-xml-parser's validator first, then feedparser reads the feed as readers do.
 */
export async function parseFeed(xml: string): Promise<ParsedFeed> {
  assertWellFormed(xml);
  const parser = new FeedParser({ normalize: true, addmeta: false });
  const items: FeedParser.Item[] = [];
  const done = new Promise<ParsedFeed>((resolve, reject) => {
    parser.on('error', reject);
    parser.on('readable', function (this: FeedParser) {
      let item: FeedParser.Item | null;
      while ((item = this.read())) items.push(item);
    });
    parser.on('end', () => resolve({ meta: parser.meta, items }));
  });
  Readable.from([Buffer.from(xml, 'utf8')]).pipe(parser);
  return done;
}

/**
 * Throws unless `xml` is well-formed XML 1.0. The validator does not check the Char production,
 * which libxml2-based readers enforce, so characters outside it are looked for separately.
 */
export function assertWellFormed(xml: string): void {
  const bad = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.exec(xml);
  if (bad) throw new Error(`character U+${bad[0].codePointAt(0)!.toString(16).toUpperCase()} is not allowed in XML 1.0 (offset ${bad.index})`);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`not well-formed XML: ${valid.err.msg} at line ${valid.err.line}`);
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Problems with a JSON Feed 1.1 document against the spec's required fields and types; empty
 * when it is valid.
 */
export function jsonFeedProblems(doc: any): string[] {
  const out: string[] = [];
  const str = (v: unknown) => typeof v === 'string' && v.length > 0;
  if (doc.version !== 'https://jsonfeed.org/version/1.1') out.push('version');
  if (!str(doc.title)) out.push('title');
  for (const k of ['home_page_url', 'feed_url']) if (doc[k] !== undefined && !/^https?:\/\//.test(doc[k])) out.push(k);
  if (!Array.isArray(doc.items)) return [...out, 'items'];
  doc.items.forEach((i: any, n: number) => {
    if (!str(i.id)) out.push(`items[${n}].id`);
    if (!str(i.content_html) && !str(i.content_text)) out.push(`items[${n}].content`);
    if (i.url !== undefined && !/^https?:\/\//.test(i.url)) out.push(`items[${n}].url`);
    for (const k of ['date_published', 'date_modified']) if (i[k] !== undefined && !RFC3339.test(i[k])) out.push(`items[${n}].${k}`);
    if (i.authors !== undefined && (!Array.isArray(i.authors) || i.authors.some((a: any) => !str(a.name)))) out.push(`items[${n}].authors`);
    if (i.tags !== undefined && (!Array.isArray(i.tags) || i.tags.some((t: unknown) => !str(t)))) out.push(`items[${n}].tags`);
  });
  return out;
}
