import type { Db } from '../db/index.js';
import type { SearchBackend } from './backend.js';
import { PostgresFtsBackend } from './postgres-fts.js';
import { SqliteFtsBackend } from './sqlite-fts.js';

/**
 * The search backend for a database, chosen here and nowhere else by its dialect: FTS5 on
 * SQLite, tsvector/GIN on PostgreSQL. Each backend's file holds its own SQL.
 */
export function createBackend(db: Db): SearchBackend {
  const backends: Record<Db['adapter']['name'], () => SearchBackend> = {
    sqlite: () => new SqliteFtsBackend(db.kysely),
    postgres: () => new PostgresFtsBackend(db.kysely),
  };
  return backends[db.adapter.name]();
}
