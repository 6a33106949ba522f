import type { FeedModel } from './feed-model.js';
import { iso, stripIllegalXml } from './xml.js';

/** Content-Type of JSON Feed documents. */
export const JSON_FEED_TYPE = 'application/feed+json; charset=utf-8';

/**
 * Serializes a feed as JSON Feed 1.1. Every item needs `content_html` or `content_text`: with
 * full text the body is `content_html`, with summaries only the summary is `content_text`.
 */
export function renderJsonFeed(feed: FeedModel): string {
  const doc = {
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: feed.homeUrl,
    feed_url: feed.feedUrls.json,
    description: feed.description,
    language: feed.language,
    authors: [feed.publisher],
    items: feed.items.map((i) => ({
      id: i.id,
      url: i.url,
      title: i.title,
      ...(i.contentHtml === null ? { content_text: i.summary } : { content_html: i.contentHtml }),
      summary: i.summary,
      ...(i.image ? { image: i.image } : {}),
      date_published: iso(i.publishedAt),
      date_modified: iso(i.updatedAt),
      authors: i.authors,
      tags: i.categories,
      language: feed.language,
    })),
  };
  // Control characters would survive JSON, but not the readers that turn it into HTML or XML.
  return JSON.stringify(doc, (_k, v: unknown) => (typeof v === 'string' ? stripIllegalXml(v) : v));
}
