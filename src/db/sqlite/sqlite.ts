import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Db, DialectAdapter } from '../dialect.js';
import type { Database } from '../schema.js';

const adapter: DialectAdapter = {
  name: 'sqlite',
  capabilities: { supportsReturning: true, supportsTransactionalDdl: true },
  idColumn: (table) => table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()),
  timestampType: 'text',
};

/**
 * Opens SQLite at `file` (or `:memory:`) with WAL, foreign keys and a busy timeout, so that a
 * CLI command and the server can share one file.
 */
export function openSqlite(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const database = new SQLite(file);
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  database.pragma('synchronous = NORMAL');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  return {
    kysely,
    adapter,
    describe: file === ':memory:' ? 'SQLite in memory' : `SQLite at ${file}`,
    close: () => kysely.destroy(),
  };
}
