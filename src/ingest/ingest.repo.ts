import type { Generated, Kysely } from 'kysely';
import type { Database } from '../db/index.js';

/** Feed subscriptions (migration 0090). */
export interface FeedSubscriptionsTable {
  id: Generated<number>;
  url: string;
  section: Generated<string>;
  publish: Generated<number>;
  every_minutes: number;
  title: Generated<string>;
  etag: Generated<string>;
  last_modified: Generated<string>;
  failures: Generated<number>;
  last_error: Generated<string>;
  last_polled_at: string | null;
  next_poll_at: string;
  leased_until: string | null;
  created_at: string;
}

/** Imported items by source identity, with a SimHash of their text. */
export interface IngestSeenTable {
  kind: string;
  guid: string;
  article_id: number | null;
  simhash: string;
  created_at: string;
}

/** Old paths of imported articles (WordPress permalinks) → the new article. */
export interface IngestRedirectsTable {
  old_path: string;
  article_id: number;
  created_at: string;
}

/** The importers' tables, added to the shared schema without touching it. */
// A type alias, not an interface: Kysely's `withTables` needs an indexable record type.
export type IngestTables = {
  feed_subscriptions: FeedSubscriptionsTable;
  ingest_seen: IngestSeenTable;
  ingest_redirects: IngestRedirectsTable;
};

/** A Kysely instance (or transaction) that also knows the importers' tables. */
export type IngestDb = Kysely<Database & IngestTables>;

/** The importers' tables on a shared Kysely instance or transaction. */
export function ingestDb(db: Kysely<Database>): IngestDb {
  return db.withTables<IngestTables>() as unknown as IngestDb;
}

/** SQL of the importers beyond the content repositories: dedupe, redirects, user lookups. */
export class IngestRepo {
  readonly #db: IngestDb;
  constructor(db: Kysely<Database>) {
    this.#db = ingestDb(db);
  }

  /** The article an item with this identity became, if it was imported before. */
  async seen(kind: string, guid: string): Promise<{ articleId: number | null } | undefined> {
    const row = await this.#db.selectFrom('ingest_seen').select('article_id').where('kind', '=', kind).where('guid', '=', guid).executeTakeFirst();
    return row ? { articleId: row.article_id } : undefined;
  }

  /** Fingerprints of imported items, newest first (near-duplicate checks look at recent ones). */
  async recentFingerprints(limit: number): Promise<Array<{ articleId: number | null; simhash: string }>> {
    const rows = await this.#db.selectFrom('ingest_seen').select(['article_id', 'simhash']).orderBy('created_at', 'desc').limit(limit).execute();
    return rows.map((r) => ({ articleId: r.article_id, simhash: r.simhash }));
  }

  async markSeen(kind: string, guid: string, articleId: number, simhash: string, now: string): Promise<void> {
    await this.#db.insertInto('ingest_seen').values({ kind, guid, article_id: articleId, simhash, created_at: now }).execute();
  }

  /** Records old paths for an article; a path already taken keeps its first article. */
  async addRedirects(paths: readonly string[], articleId: number, now: string): Promise<void> {
    for (const p of paths) {
      const taken = await this.#db.selectFrom('ingest_redirects').select('old_path').where('old_path', '=', p).executeTakeFirst();
      if (!taken) await this.#db.insertInto('ingest_redirects').values({ old_path: p, article_id: articleId, created_at: now }).execute();
    }
  }

  /** The article an old path redirects to. */
  async redirectFor(path: string): Promise<number | undefined> {
    const row = await this.#db.selectFrom('ingest_redirects').select('article_id').where('old_path', '=', path).executeTakeFirst();
    return row?.article_id;
  }

  /** A user by e-mail (any case) or, failing that, by exact display name. */
  async userFor(email: string | undefined, name: string): Promise<{ slug: string } | undefined> {
    if (email) {
      const byEmail = await this.#db.selectFrom('users').select('slug').where('email', '=', email.toLowerCase()).executeTakeFirst();
      if (byEmail) return byEmail;
    }
    if (!name) return undefined;
    return this.#db.selectFrom('users').select('slug').where('name', '=', name).orderBy('id').executeTakeFirst();
  }

  /** A section by slug or by name. */
  async sectionFor(slugOrName: string): Promise<{ slug: string } | undefined> {
    return this.#db
      .selectFrom('sections')
      .select('slug')
      .where((eb) => eb.or([eb('slug', '=', slugOrName.toLowerCase()), eb('name', '=', slugOrName)]))
      .orderBy('id')
      .executeTakeFirst();
  }
}
