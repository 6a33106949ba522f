import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { AppError } from '../errors/index.js';
import type { Db } from './dialect.js';
import { migrations } from './migrations/index.js';

/** What a migration run did. */
export interface MigrateResult {
  /** Names applied by this run, in order. */
  readonly applied: string[];
}

/**
 * Brings the schema up to date. Kysely's migrator takes a lock, so several processes starting
 * at once apply each migration exactly once.
 */
export async function migrateToLatest(db: Db): Promise<MigrateResult> {
  const provider: MigrationProvider = {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const [name, m] of Object.entries(migrations)) {
        out[name] = { up: (k: Kysely<unknown>) => m.up(k, db.adapter) };
      }
      return out;
    },
  };
  const migrator = new Migrator({
    db: db.kysely,
    provider,
    migrationTableName: 'jd_migrations',
    migrationLockTableName: 'jd_migrations_lock',
    // Features number their migrations in their own ranges (0003 search, 0020 related, 0030
    // views…), so a database may have seen a later number first; each migration only adds its
    // own tables, and order within a fresh database is still by name.
    allowUnorderedMigrations: true,
    // Kysely looks for its bookkeeping tables in every schema it can see; with several schemas in
    // one database (parallel test runs) it would find another schema's and then fail to read
    // its own. Naming the schema keeps each migration run to its own tables.
    ...(db.schema ? { migrationTableSchema: db.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new AppError('JD_ERR_DB_MIGRATION_FAILED', { name: failed ?? '(before any ran)', where: db.describe, reason: (error as Error).message }, { cause: error });
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
