import { sql, type Kysely } from 'kysely';
import type { Db, DialectAdapter } from './dialect.js';

// Per dialect: what follows inserts with explicit ids. PostgreSQL's serial sequences do not
// notice explicit ids and would hand out taken ones; SQLite's AUTOINCREMENT follows by itself.
const SYNC: Record<DialectAdapter['name'], (executor: Kysely<unknown>, table: string) => Promise<void>> = {
  sqlite: async () => {},
  postgres: async (executor, table) => {
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 1), (select max(id) from ${sql.table(table)}) is not null)`.execute(executor);
  },
};

/**
 * After rows were inserted with explicit ids (a backup restore), makes the next generated id
 * of each table follow the largest one.
 */
export async function syncIdSequences(db: Db, executor: Kysely<unknown>, tables: readonly string[]): Promise<void> {
  for (const table of tables) await SYNC[db.adapter.name](executor, table);
}
