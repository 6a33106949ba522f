import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../dialect.js';
import * as m0001 from './0001-init.js';
import * as m0002 from './0002-dictionary.js';

/** One versioned migration. Its name orders it; a landed migration is never edited. */
export interface VersionedMigration {
  up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void>;
}

/** Every migration by name, in order. Add new ones at the end with the next number. */
export const migrations: Readonly<Record<string, VersionedMigration>> = {
  '0001-init': m0001,
  '0002-dictionary': m0002,
};
