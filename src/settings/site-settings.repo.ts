import type { Kysely } from 'kysely';
import { bumpCounter, readCounter } from '../db/counters.js';
import type { Database, SiteSettingsTable } from '../db/index.js';

const VERSION_KEY = 'site-settings.version';

/** One stored admin value. */
export type SiteSettingRow = SiteSettingsTable;

/** SQL for the site settings and their version counter (bumped on every change). */
export class SiteSettingsRepo {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  /** Every stored value. */
  all(): Promise<SiteSettingRow[]> {
    return this.#db.selectFrom('site_settings').selectAll().execute();
  }

  /** The settings' version: 0 before the first change. */
  version(): Promise<number> {
    return readCounter(this.#db, VERSION_KEY);
  }

  /**
   * Writes a change in one transaction: `set` rows are inserted or replaced, `clear` keys
   * removed, and the version bumped so other processes reload.
   */
  write(set: ReadonlyArray<{ key: string; value: string }>, clear: readonly string[], by: number | null, now: string): Promise<void> {
    return this.#db.transaction().execute(async (trx) => {
      for (const { key, value } of set) {
        await trx
          .insertInto('site_settings')
          .values({ key, value, updated_at: now, updated_by: by })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now, updated_by: by }))
          .execute();
      }
      if (clear.length) await trx.deleteFrom('site_settings').where('key', 'in', clear).execute();
      await bumpCounter(trx, VERSION_KEY);
    });
  }
}
