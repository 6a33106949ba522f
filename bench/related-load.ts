import type { Container } from '../src/container.js';

/** Entries of each stored related list (the block shows 6; the service keeps more). */
const LIST_SIZE = 10;
/** Rows per INSERT statement. */
const BATCH = 2000;

/**
 * Stores related-reading lists and keyword terms for every published article straight into
 * their tables, for the export benchmark at 100,000 articles: computing them for real
 * (`RelatedService.rebuild`, as `jiaodian reindex` does) takes about 15 ms of CPU an article,
 * 25 minutes at that size, before anything is measured. What the export reads is the same
 * either way: an article's list of related ids, best first, and its strongest terms. Lists
 * here are the articles sharing the article's first tag that are nearest to it in time, and
 * terms are its tag names; near-duplicate fingerprints are not stored (a fill from the simple
 * rules then skips the duplicate check, which only matters when a list is short).
 */
export async function bulkRelated(c: Container, log: (line: string) => void): Promise<number> {
  const started = performance.now();
  const k = c.db.kysely;
  const rows = await k.selectFrom('articles').select(['id']).where('status', '=', 'published').orderBy('id').execute();
  const links = await k.selectFrom('article_tags').innerJoin('tags', 'tags.id', 'article_tags.tag_id').select(['article_tags.article_id', 'article_tags.tag_id', 'tags.name']).orderBy('article_tags.article_id').orderBy('article_tags.position').execute();
  const published = new Set(rows.map((r) => r.id));
  const tagsOf = new Map<number, Array<{ id: number; name: string }>>();
  const members = new Map<number, number[]>();
  for (const l of links) {
    if (!published.has(l.article_id)) continue;
    const list = tagsOf.get(l.article_id) ?? [];
    list.push({ id: l.tag_id, name: l.name });
    tagsOf.set(l.article_id, list);
    const m = members.get(l.tag_id) ?? [];
    m.push(l.article_id);
    members.set(l.tag_id, m);
  }
  const lists: Array<{ article_id: number; related_id: number; score: number }> = [];
  const terms: Array<{ article_id: number; term: string; weight: number }> = [];
  await k.transaction().execute(async (trx) => {
    const flush = async (force: boolean) => {
      if (lists.length >= BATCH || (force && lists.length > 0)) await trx.insertInto('related_lists').values(lists.splice(0)).execute();
      if (terms.length >= BATCH || (force && terms.length > 0)) await trx.insertInto('article_terms').values(terms.splice(0)).execute();
    };
    for (const { id } of rows) {
      const tags = tagsOf.get(id) ?? [];
      tags.forEach((t, i) => terms.push({ article_id: id, term: t.name, weight: 1 / (i + 1) }));
      const pool = tags[0] ? (members.get(tags[0].id) ?? []) : [];
      // The tag's members are in id order, that is publish order: take the nearest on both sides.
      const at = pool.indexOf(id);
      const near = pool.slice(Math.max(0, at - LIST_SIZE / 2), at).concat(pool.slice(at + 1, at + 1 + LIST_SIZE / 2));
      near.forEach((other, i) => lists.push({ article_id: id, related_id: other, score: 1 - i / (LIST_SIZE * 2) }));
      await flush(false);
    }
    await flush(true);
  });
  const seconds = (performance.now() - started) / 1000;
  log(`    related lists and terms of ${rows.length} articles stored in ${seconds.toFixed(1)} s`);
  return seconds;
}
