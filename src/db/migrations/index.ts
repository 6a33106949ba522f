import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../dialect.js';
import * as m0001 from './0001-init.js';
import * as m0002 from './0002-dictionary.js';
import * as m0003 from './0003-search.js';
import * as m0020 from './0020-related.js';
import * as m0021 from './0021-related-words.js';
import * as m0030 from './0030-views.js';
import * as m0031 from './0031-featured.js';
import * as m0040 from './0040-accounts.js';
import * as m0041 from './0041-audit.js';
import * as m0050 from './0050-workflow.js';
import * as m0060 from './0060-media-uploads.js';
import * as m0061 from './0061-webhooks.js';
import * as m0070 from './0070-integrity.js';
import * as m0080 from './0080-site-settings.js';
import * as m0090 from './0090-ingest.js';
import * as m0100 from './0100-seo.js';
import * as m0110 from './0110-flag-indexes.js';
import * as m0120 from './0120-clustered-pairs.js';
import * as m0130 from './0130-ranked-indexes.js';

/** One versioned migration. Its name orders it; a landed migration is never edited. */
export interface VersionedMigration {
  up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void>;
}

/** Every migration by name, in order. Add new ones at the end with the next number. */
export const migrations: Readonly<Record<string, VersionedMigration>> = {
  '0001-init': m0001,
  '0002-dictionary': m0002,
  '0003-search': m0003,
  '0020-related': m0020,
  '0021-related-words': m0021,
  '0030-views': m0030,
  '0031-featured': m0031,
  '0040-accounts': m0040,
  '0041-audit': m0041,
  '0050-workflow': m0050,
  '0060-media-uploads': m0060,
  '0061-webhooks': m0061,
  '0070-integrity': m0070,
  '0080-site-settings': m0080,
  '0090-ingest': m0090,
  '0100-seo': m0100,
  '0110-flag-indexes': m0110,
  '0120-clustered-pairs': m0120,
  '0130-ranked-indexes': m0130,
};
