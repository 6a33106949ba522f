import type { FeedModel, FeedPerson } from './feed-model.js';
import { iso, xml } from './xml.js';

/** Content-Type of Atom 1.0 documents. */
export const ATOM_TYPE = 'application/atom+xml; charset=utf-8';

/**
 * Serializes a feed as Atom 1.0 (RFC 4287). Ids are canonical URLs in the feed's variant, so
 * the same article in two scripts is two entries, as it is two pages. The site is the feed's
 * author, which makes an entry without a byline still valid. Full text goes in
 * `content type="html"`; the summary is always there as `summary`.
 */
export function renderAtom(feed: FeedModel): string {
  const entries = feed.items.map((i) =>
    [
      '<entry>',
      `<id>${xml(i.id)}</id>`,
      `<title type="text">${xml(i.title)}</title>`,
      `<link rel="alternate" type="text/html" href="${xml(i.url)}"/>`,
      `<published>${iso(i.publishedAt)}</published>`,
      `<updated>${iso(i.updatedAt)}</updated>`,
      ...i.authors.map(person),
      ...i.categories.map((c) => `<category term="${xml(c)}"/>`),
      `<summary type="text">${xml(i.summary)}</summary>`,
      i.contentHtml === null ? '' : `<content type="html">${xml(i.contentHtml)}</content>`,
      '</entry>',
    ].join(''),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xml(feed.language)}">`,
    `<id>${xml(feed.feedUrls.atom)}</id>`,
    `<title type="text">${xml(feed.title)}</title>`,
    `<subtitle type="text">${xml(feed.description)}</subtitle>`,
    `<updated>${iso(feed.updated)}</updated>`,
    `<link rel="alternate" type="text/html" hreflang="${xml(feed.language)}" href="${xml(feed.homeUrl)}"/>`,
    `<link rel="self" type="application/atom+xml" href="${xml(feed.feedUrls.atom)}"/>`,
    person(feed.publisher),
    '<generator>Jiaodian</generator>',
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}

function person(p: FeedPerson): string {
  return `<author><name>${xml(p.name)}</name><uri>${xml(p.url)}</uri></author>`;
}
