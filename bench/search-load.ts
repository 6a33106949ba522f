import type { Container } from '../src/container.js';
import type { Corpus } from './corpus.js';

/** Articles inserted per transaction. */
const BATCH = 500;

/**
 * Stores a corpus for the search benchmark straight into the tables, without the article
 * service: at 100,000 articles the service path (2 ms each, plus indexing on every save) would
 * take minutes before anything is measured, and what the search figures need is the rows, which
 * `jiaodian reindex` then indexes (that is the timed part). Sections, authors and tags still go
 * through their services. The generator's HTML is already clean, so skipping the sanitizer
 * stores the same bodies.
 */
export async function bulkLoad(c: Container, corpus: Corpus, log: (line: string) => void): Promise<number> {
  const started = performance.now();
  const now = new Date().toISOString();
  for (const s of corpus.sections) await c.sections.create(s, now);
  for (const a of corpus.authors) await c.users.add({ name: a.name, slug: a.slug, bio: a.bio, role: 'author' });
  const tagIds = new Map<string, number>();
  for (const name of corpus.tags) tagIds.set(name, await c.tags.define(name, name, now));
  const index = await c.sections.index();
  const authorIds = new Map<string, number>();
  for (const a of corpus.authors) authorIds.set(a.slug, (await c.site.authorService.require(a.slug)).id);

  const k = c.db.kysely;
  const total = corpus.articles.length;
  for (let i = 0; i < total; i += BATCH) {
    const batch = corpus.articles.slice(i, i + BATCH);
    await k.transaction().execute(async (trx) => {
      const ids = await trx
        .insertInto('articles')
        .values(
          batch.map((a) => ({
            slug: '',
            title: a.title,
            subtitle: a.subtitle ?? '',
            summary: a.summary ?? '',
            body_html: a.bodyHtml,
            cover_media_id: null,
            cover_caption: '',
            cover_credit: '',
            section_id: index.bySlug.get(a.section)!.id,
            source_name: a.source?.name ?? '',
            source_url: a.source?.url ?? '',
            lang: a.lang,
            status: 'published',
            is_headline: 0,
            is_featured: 0,
            is_slideshow: 0,
            published_at: a.publishedAt,
            created_at: a.publishedAt,
            updated_at: a.publishedAt,
            correction_note: '',
            corrected_at: null,
            version: 1,
          })),
        )
        .returning('id')
        .execute()
        // Ids are assigned in insertion order; sorting guards against RETURNING's unspecified order.
        .then((rows) => rows.sort((a, b) => a.id - b.id));
      const tags = batch.flatMap((a, j) => a.tags.map((t, position) => ({ article_id: ids[j]!.id, tag_id: tagIds.get(t)!, position })));
      const authors = batch.flatMap((a, j) => a.authors.map((slug, position) => ({ article_id: ids[j]!.id, user_id: authorIds.get(slug)!, position })));
      if (tags.length > 0) await trx.insertInto('article_tags').values(tags).execute();
      if (authors.length > 0) await trx.insertInto('article_authors').values(authors).execute();
    });
    if ((i / BATCH) % 40 === 39 || i + BATCH >= total) log(`    stored ${Math.min(i + BATCH, total)}/${total} articles`);
  }
  return (performance.now() - started) / 1000;
}
