import type Pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { AppError } from '../../errors/index.js';
import { lazyImport } from '../../lazy.js';
import type { Db, DialectAdapter } from '../dialect.js';
import type { Database } from '../schema.js';

const TIMESTAMPTZ = 1184;
const INT8 = 20;

/**
 * The pg driver, imported when a PostgreSQL database is first opened, not at start: a site on
 * SQLite never loads it.
 */
export const loadPg = lazyImport(async () => (await import('pg')).default);

// Parse instants into the same ISO strings SQLite stores, and 64-bit counts into numbers, so
// that repositories see one shape whatever the dialect.
function typesOf(pg: typeof Pg) {
  return {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      if (oid === TIMESTAMPTZ) return (v: string) => new Date(v).toISOString();
      if (oid === INT8) return (v: string) => Number(v);
      return pg.types.getTypeParser(oid, format);
    },
  };
}

const adapter: DialectAdapter = {
  name: 'postgres',
  capabilities: { supportsReturning: true, supportsTransactionalDdl: true },
  idColumn: (table) => table.addColumn('id', 'serial', (c) => c.primaryKey()),
  timestampType: 'timestamptz',
};

/** Options for opening PostgreSQL. */
export interface PostgresOptions {
  /** Schema to use instead of `public` (tests use one per run). */
  readonly schema?: string;
  readonly max?: number;
}

/**
 * Opens a PostgreSQL pool for `url` and checks it answers. An unreachable server throws
 * `JD_ERR_DB_UNREACHABLE` naming host and port only: the URL's password never reaches a message.
 */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Db> {
  const where = describeUrl(url);
  const pg = await loadPg();
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5000,
    types: typesOf(pg),
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  // Nor may a client in use: the pool listens only to idle ones, and a connection dropped mid-query
  // would otherwise throw from an event. The query itself still fails (→ 503 JD_ERR_DB_UNAVAILABLE).
  pool.on('connect', (client) => client.on('error', () => {}));
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => {});
    throw new AppError('JD_ERR_DB_UNREACHABLE', { host: where, reason: reasonOf(err) }, { cause: err });
  }
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { kysely, adapter, describe: `PostgreSQL at ${where}`, ...(options.schema ? { schema: options.schema } : {}), close: () => kysely.destroy() };
}

/** `host:port/database` of a PostgreSQL URL, without user or password. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname && u.pathname !== '/' ? u.pathname : ''}`;
  } catch {
    return '(unparsable URL)';
  }
}

function reasonOf(err: unknown): string {
  const e = err as { code?: string; message?: string };
  if (e.code === 'ECONNREFUSED') return 'connection refused';
  if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') return 'host not found';
  if (e.code === '3D000') return 'database does not exist';
  if (e.code === '28P01' || e.code === '28000') return 'authentication failed';
  const message = (e.message ?? 'unknown error').split('\n')[0] ?? '';
  // Never echo anything that could contain the URL.
  return message.replace(/postgres(ql)?:\/\/\S+/g, '(url)');
}

/** Creates a schema (tests) if it does not exist. */
export async function createSchema(db: Db, schema: string): Promise<void> {
  await sql`create schema if not exists ${sql.id(schema)}`.execute(db.kysely);
}
