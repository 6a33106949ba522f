import type { Kysely } from 'kysely';
import type { ArticleRevisionRow, Database } from '../db/index.js';

/** What a revision records about who saved: a member (or token's member), or the system. */
export interface SavedBy {
  /** The member, or null for the system, the scheduler or an ownerless token. */
  readonly userId: number | null;
  /** session | token | cli | scheduler | system */
  readonly via: string;
}

/** A revision row with the saver's name when the saver is a member. */
export type RevisionWithName = ArticleRevisionRow & { readonly user_name: string | null };

/** Values of a new revision. */
export interface NewRevision {
  readonly articleId: number;
  readonly version: number;
  readonly action: string;
  readonly status: string;
  /** JSON of the article's field snapshot. */
  readonly snapshot: string;
  readonly note: string;
  readonly by: SavedBy;
  readonly at: string;
}

/** SQL for article revisions: one row per saved version of an article. */
export class RevisionRepo {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async insert(r: NewRevision): Promise<void> {
    await this.#db
      .insertInto('article_revisions')
      .values({
        article_id: r.articleId,
        version: r.version,
        action: r.action,
        status: r.status,
        snapshot: r.snapshot,
        note: r.note,
        actor_user_id: r.by.userId,
        actor_via: r.by.via,
        created_at: r.at,
      })
      .execute();
  }

  /** An article's revisions, newest first, without their snapshots' text parsed. */
  list(articleId: number, limit: number, offset: number): Promise<RevisionWithName[]> {
    return this.#withName()
      .where('article_revisions.article_id', '=', articleId)
      .orderBy('article_revisions.version', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
  }

  async count(articleId: number): Promise<number> {
    const row = await this.#db
      .selectFrom('article_revisions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('article_id', '=', articleId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The revision that produced `version` of an article. */
  byVersion(articleId: number, version: number): Promise<RevisionWithName | undefined> {
    return this.#withName().where('article_revisions.article_id', '=', articleId).where('article_revisions.version', '=', version).executeTakeFirst();
  }

  #withName() {
    return this.#db
      .selectFrom('article_revisions')
      .leftJoin('users', 'users.id', 'article_revisions.actor_user_id')
      .selectAll('article_revisions')
      .select('users.name as user_name');
  }
}
