import type { FeedModel } from './feed-model.js';
import { xml } from './xml.js';

/** Content-Type of RSS 2.0 documents. */
export const RSS_TYPE = 'application/rss+xml; charset=utf-8';

/** RFC 822 date, as RSS 2.0 requires (`Tue, 02 Jan 2024 03:04:05 GMT`). */
export function rfc822(iso: string): string {
  return new Date(iso).toUTCString();
}

/**
 * Serializes a feed as RSS 2.0: `atom:link rel="self"`, a permalink `guid`, RFC 822 dates,
 * `dc:creator` per author (RSS's own `author` wants an e-mail address), `category` for the
 * section and each tag, and the full text in `content:encoded` beside the summary in
 * `description` when the site publishes full text.
 */
export function renderRss(feed: FeedModel): string {
  const items = feed.items.map((i) =>
    [
      '<item>',
      `<title>${xml(i.title)}</title>`,
      `<link>${xml(i.url)}</link>`,
      `<guid isPermaLink="true">${xml(i.id)}</guid>`,
      `<pubDate>${rfc822(i.publishedAt)}</pubDate>`,
      ...i.authors.map((p) => `<dc:creator>${xml(p.name)}</dc:creator>`),
      ...i.categories.map((c) => `<category>${xml(c)}</category>`),
      `<description>${xml(i.summary)}</description>`,
      i.contentHtml === null ? '' : `<content:encoded>${xml(i.contentHtml)}</content:encoded>`,
      '</item>',
    ].join(''),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
    '<channel>',
    `<title>${xml(feed.title)}</title>`,
    `<link>${xml(feed.homeUrl)}</link>`,
    `<description>${xml(feed.description)}</description>`,
    `<language>${xml(feed.language)}</language>`,
    `<lastBuildDate>${rfc822(feed.updated)}</lastBuildDate>`,
    '<generator>Jiaodian</generator>',
    `<atom:link href="${xml(feed.feedUrls.rss)}" rel="self" type="application/rss+xml"/>`,
    ...items,
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
}
