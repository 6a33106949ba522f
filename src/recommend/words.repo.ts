import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { prepareQuery } from '../db/prepared.js';

/** An editor's pin or hide of one related word. */
export interface WordOverride {
  /** Normalized form. */
  readonly word: string;
  /** As the editor wrote it. */
  readonly label: string;
  readonly action: 'pin' | 'hide';
  readonly createdAt: string;
}

/** SQL of related words: editors' overrides, and the site's tag names to link words to. */
export class WordsRepo {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  // Pages run this every time: built once (see prepareQuery).
  static readonly #overrides = prepareQuery((db: Kysely<Database>, p: { articleId: number }) =>
    db.selectFrom('related_word_overrides').selectAll().where('article_id', '=', p.articleId).orderBy('position'),
  );
  /** An article's overrides in the order they were made (pins show in it). */
  async overrides(articleId: number): Promise<WordOverride[]> {
    const rows = await WordsRepo.#overrides.execute(this.#db, { articleId });
    return rows.map((r) => ({ word: r.word, label: r.label, action: r.action === 'hide' ? 'hide' : 'pin', createdAt: r.created_at }));
  }

  /** Sets the override of one word, after the article's others (a pin again moves it last). */
  async set(articleId: number, o: WordOverride): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      await trx.deleteFrom('related_word_overrides').where('article_id', '=', articleId).where('word', '=', o.word).execute();
      const last = await trx
        .selectFrom('related_word_overrides')
        .select((eb) => eb.fn.max('position').as('n'))
        .where('article_id', '=', articleId)
        .executeTakeFirst();
      const position = Number(last?.n ?? 0) + 1;
      await trx
        .insertInto('related_word_overrides')
        .values({ article_id: articleId, word: o.word, label: o.label, action: o.action, position, created_at: o.createdAt })
        .execute();
    });
  }

  /** Removes the override of one word; false when there was none. */
  async clear(articleId: number, word: string): Promise<boolean> {
    const res = await this.#db.deleteFrom('related_word_overrides').where('article_id', '=', articleId).where('word', '=', word).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  /** Every tag's slug and name (small: a site has thousands of tags, not millions). */
  tags(): Promise<Array<{ slug: string; name: string }>> {
    return this.#db.selectFrom('tags').select(['slug', 'name']).orderBy('id').execute();
  }
}
