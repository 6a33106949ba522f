export type { Db, DialectAdapter, DialectCapabilities } from './dialect.js';
export type * from './schema.js';
export { openDatabase, SQLITE_FILE } from './open.js';
export { openSqlite, type SqliteOptions } from './sqlite/sqlite.js';
export { openPostgres, describeUrl, createSchema } from './postgres/postgres.js';
export { migrateToLatest, type MigrateResult } from './migrate.js';
export { prepareQuery, MAX_PREPARED_LIST, type PreparedQuery, type PreparedParams } from './prepared.js';
