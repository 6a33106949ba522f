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
  const migrator = new Migrator({ db: db.kysely, provider, migrationTableName: 'jd_migrations', migrationLockTableName: 'jd_migrations_lock' });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new AppError('JD_ERR_DB_MIGRATION_FAILED', { name: failed, where: db.describe, reason: (error as Error).message }, { cause: error });
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
