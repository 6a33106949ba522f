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

/** Options of `openSqlite`. */
export interface SqliteOptions {
  /** Megabytes of database pages kept in memory (SQLite's page cache); the driver's build default (16 MB) when absent. */
  readonly cacheMb?: number;
}

/**
 * Opens SQLite at `file` (or `:memory:`) with WAL, foreign keys and a busy timeout, so that a
 * CLI command and the server can share one file.
 */
export function openSqlite(file: string, options: SqliteOptions = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const database = new SQLite(file);
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  database.pragma('synchronous = NORMAL');
  // A negative cache_size is in KiB rather than pages.
  if (options.cacheMb !== undefined) database.pragma(`cache_size = ${-Math.round(options.cacheMb * 1024)}`);
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  return {
    kysely,
    adapter,
    describe: file === ':memory:' ? 'SQLite in memory' : `SQLite at ${file}`,
    close: () => kysely.destroy(),
  };
}

/** Prepared statements kept per SQL text. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * better-sqlite3 with prepared statements reused by SQL text. Kysely prepares every query it
 * runs; pages run the same few dozen queries over and over, and preparing costs about as much
 * as running a small one. Statements are only used synchronously, one at a time, so sharing
 * them is safe.
 */
function withStatementCache(database: SQLite.Database): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = database.prepare.bind(database);
  return new Proxy(database, {
    get(target, key, receiver) {
      if (key !== 'prepare') {
        // Native methods must see the real database as `this`.
        const value = Reflect.get(target, key, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return (sql: string) => {
        let stmt = cache.get(sql);
        if (!stmt) {
          stmt = prepare(sql);
          if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
          cache.set(sql, stmt);
        }
        return stmt;
      };
    },
  });
}
