import type { Kysely } from 'kysely';
import type { Database, SectionRow } from '../db/index.js';

/** New section values. */
export interface NewSection {
  readonly slug: string;
  readonly name: string;
  readonly parentId: number | null;
  readonly position: number;
  readonly description?: string;
}

/** SQL for sections. */
export class SectionRepo {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  /** All sections ordered by position then id. */
  all(): Promise<SectionRow[]> {
    return this.#db.selectFrom('sections').selectAll().orderBy('position').orderBy('id').execute();
  }

  bySlug(slug: string): Promise<SectionRow | undefined> {
    return this.#db.selectFrom('sections').selectAll().where('slug', '=', slug).executeTakeFirst();
  }

  async insert(s: NewSection, now: string): Promise<number> {
    const row = await this.#db
      .insertInto('sections')
      .values({
        slug: s.slug,
        name: s.name,
        parent_id: s.parentId,
        position: s.position,
        description: s.description ?? '',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }
}
