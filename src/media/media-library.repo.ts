import type { Kysely } from 'kysely';
import type { Database, MediaRow, MediaVariantRow } from '../db/index.js';

/** A new upload's record. */
export interface NewUpload {
  readonly path: string;
  readonly mime: string;
  readonly size: number;
  readonly width: number;
  readonly height: number;
  readonly alt: string;
  readonly caption: string;
  readonly credit: string;
  readonly uploadedBy: number | null;
}

/** A variant's record. */
export type NewVariant = Omit<MediaVariantRow, 'media_id' | 'created_at'>;

/** Editable text of a media record. */
export interface MediaText {
  readonly alt?: string;
  readonly caption?: string;
  readonly credit?: string;
}

/** SQL for the media library: records, variants, and where a file is used. */
export class MediaLibraryRepo {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  /** Inserts a media record and its variants in one transaction; returns the new id. */
  insertUpload(m: NewUpload, variants: readonly NewVariant[], now: string): Promise<number> {
    return this.#db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('media')
        .values({ path: m.path, mime: m.mime, size: m.size, width: m.width, height: m.height, alt: m.alt, caption: m.caption, credit: m.credit, uploaded_by: m.uploadedBy, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (variants.length > 0) await trx.insertInto('media_variants').values(variants.map((v) => ({ ...v, media_id: id, created_at: now }))).execute();
      return id;
    });
  }

  /** Adds variants to an existing record (the background AVIF job); false when it is gone. */
  async addVariants(mediaId: number, variants: readonly NewVariant[], now: string): Promise<boolean> {
    if (variants.length === 0) return true;
    return this.#db.transaction().execute(async (trx) => {
      const exists = await trx.selectFrom('media').select('id').where('id', '=', mediaId).executeTakeFirst();
      if (!exists) return false;
      await trx.insertInto('media_variants').values(variants.map((v) => ({ ...v, media_id: mediaId, created_at: now }))).execute();
      return true;
    });
  }

  byId(id: number): Promise<MediaRow | undefined> {
    return this.#db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** A page of records, newest first, with the total. */
  async list(limit: number, offset: number): Promise<{ rows: MediaRow[]; total: number }> {
    const [rows, count] = await Promise.all([
      this.#db.selectFrom('media').selectAll().orderBy('id', 'desc').limit(limit).offset(offset).execute(),
      this.#db.selectFrom('media').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }

  /** Variants of several records, narrowest first. */
  async variantsOf(ids: readonly number[]): Promise<MediaVariantRow[]> {
    if (ids.length === 0) return [];
    return this.#db.selectFrom('media_variants').selectAll().where('media_id', 'in', ids).orderBy('media_id').orderBy('format').orderBy('width').execute();
  }

  async updateText(id: number, text: MediaText): Promise<void> {
    if (Object.keys(text).length === 0) return;
    await this.#db.updateTable('media').set(text).where('id', '=', id).execute();
  }

  /** Deletes a record (its variants go with it); false when there was none. */
  async delete(id: number): Promise<boolean> {
    const res = await this.#db.deleteFrom('media').where('id', '=', id).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  /**
   * Articles that use a file: as their cover, or by URL in their body (an `<img>` of the
   * master or of a variant, hence the folder). At most `limit` ids, lowest first.
   */
  async usedBy(id: number, urlPrefix: string, limit: number): Promise<number[]> {
    // Not escaped: SQLite's LIKE has no default escape character. Upload folders have no `%`
    // or `_`; in other paths they can only make the check stricter, never miss a use.
    const pattern = `%${urlPrefix}%`;
    const rows = await this.#db
      .selectFrom('articles')
      .select('id')
      .where((eb) => eb.or([eb('cover_media_id', '=', id), eb('body_html', 'like', pattern)]))
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }
}
