import type { ArticleReader } from '../../content/article.reader.js';
import type { PublishedFilter } from '../../content/article.repo.js';
import type { ArticleView, Paged } from '../../content/views.js';
import { override } from './export-articles.js';

/** Filters whose whole id list `ArticleReader.recentIds` can read (it has no `excludeIds`). */
const LISTABLE = new Set(['sectionIds', 'tagId', 'authorId', 'from', 'to', 'flag']);

/**
 * The reader as the listing pass of a build sees it. `list` reads each filter's ids once, newest
 * first (the order `list` pages through), and answers every page from them with the page's
 * cards. The server's `list` reads a page with `LIMIT … OFFSET …`: SQLite walks every row
 * before the offset, so the numbered pages of a section cost the square of its size (some 9 s
 * of 10,000 articles' build), and it counts the filter again for every page. Items come without
 * their body, which no listing shows (`ModelLocalizer.listing` keeps cards only).
 *
 * @example
 * const pages = new SitePages({ ...site, reader: listingReader(site.reader), ... });
 */
export function listingReader(reader: ArticleReader): ArticleReader {
  const lists = new Map<string, Promise<number[]>>();
  const list = async (filter: PublishedFilter, page: number, limit: number): Promise<Paged<ArticleView>> => {
    if (!Object.keys(filter).every((k) => LISTABLE.has(k))) return reader.list(filter, page, limit);
    const key = JSON.stringify([filter.sectionIds, filter.tagId, filter.authorId, filter.from, filter.to, filter.flag]);
    let ids = lists.get(key);
    if (!ids) {
      ids = reader.recentIds(filter, Number.MAX_SAFE_INTEGER);
      lists.set(key, ids);
    }
    const all = await ids;
    const start = (page - 1) * limit;
    return { items: await reader.cards(all.slice(start, start + limit)), page, limit, total: all.length };
  };
  return override(reader, { list });
}
