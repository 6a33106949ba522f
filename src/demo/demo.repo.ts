import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';

/** SQL the demo loader needs beyond the content services: emptiness checks and a wipe. */
export class DemoRepo {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  /** True when there are no sections and no articles: a new site. */
  async isEmpty(): Promise<boolean> {
    const a = await this.#db.selectFrom('articles').select('id').limit(1).executeTakeFirst();
    const s = await this.#db.selectFrom('sections').select('id').limit(1).executeTakeFirst();
    return !a && !s;
  }

  /**
   * Removes all content (articles, tags, sections, media records) and the bylined authors
   * that have no login. Accounts with an e-mail address are kept.
   */
  async wipeContent(): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      await trx.deleteFrom('article_tags').execute();
      await trx.deleteFrom('article_authors').execute();
      await trx.deleteFrom('articles').execute();
      await trx.deleteFrom('tags').execute();
      // Children first: parent references restrict deletes.
      await trx.deleteFrom('sections').where('parent_id', 'is not', null).execute();
      await trx.deleteFrom('sections').execute();
      await trx.deleteFrom('media').execute();
      await trx.deleteFrom('users').where('email', 'is', null).execute();
    });
  }
}
