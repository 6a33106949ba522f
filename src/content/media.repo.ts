import type { Kysely } from 'kysely';
import type { Database, MediaRow } from '../db/index.js';

/** Values of a new media record (the file is already in the media folder). */
export interface NewMedia {
  readonly path: string;
  readonly mime: string;
  readonly size: number;
  readonly width: number | null;
  readonly height: number | null;
  readonly alt: string;
  readonly caption: string;
  readonly credit: string;
}

/** SQL for media records. */
export class MediaRepo {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async insert(m: NewMedia, now: string): Promise<number> {
    const row = await this.#db
      .insertInto('media')
      .values({ ...m, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  byId(id: number): Promise<MediaRow | undefined> {
    return this.#db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async byIds(ids: readonly number[]): Promise<MediaRow[]> {
    if (ids.length === 0) return [];
    return this.#db.selectFrom('media').selectAll().where('id', 'in', ids).execute();
  }
}
