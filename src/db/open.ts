import { join } from 'node:path';
import type { Config } from '../config/index.js';
import type { Db } from './dialect.js';
import { openPostgres } from './postgres/postgres.js';
import { openSqlite } from './sqlite/sqlite.js';

/** File name of the SQLite database inside the data folder. */
export const SQLITE_FILE = 'jiaodian.sqlite';

/**
 * Opens the database the configuration names: PostgreSQL when `databaseUrl` is set, otherwise
 * SQLite in the data folder.
 */
export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'> & Partial<Pick<Config, 'sqliteCacheMb'>>): Promise<Db> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
  return openSqlite(join(config.dataDir, SQLITE_FILE), { cacheMb: config.sqliteCacheMb });
}
