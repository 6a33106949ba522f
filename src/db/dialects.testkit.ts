import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from './dialect.js';
import { migrateToLatest } from './migrate.js';
import { openPostgres } from './postgres/postgres.js';
import { openSqlite } from './sqlite/sqlite.js';

/** URL of the PostgreSQL server tests use. */
export const TEST_PG_URL = process.env.JIAODIAN_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A dialect under test: how to open a fresh, migrated, private database. */
export interface TestDialect {
  readonly name: 'sqlite' | 'postgres';
  /** Why this dialect is skipped on this machine, or undefined when it runs. */
  readonly skip: string | undefined;
  open(): Promise<Db>;
}

/**
 * The dialects repository tests run on (`DIALECTS=sqlite,postgres`, default both). PostgreSQL
 * tests get their own schema, dropped on close. When the server does not answer they are
 * skipped, unless `JIAODIAN_TEST_PG=required` (CI) makes that a failure.
 */
export function testDialects(): TestDialect[] {
  const wanted = (process.env.DIALECTS ?? 'sqlite,postgres').split(',').map((s) => s.trim());
  const pgState = process.env.JIAODIAN_TEST_PG_STATE; // set by the global setup: 'up' | 'down'
  const out: TestDialect[] = [];
  if (wanted.includes('sqlite')) {
    out.push({ name: 'sqlite', skip: undefined, open: async () => migrated(openSqlite(':memory:')) });
  }
  if (wanted.includes('postgres')) {
    out.push({
      name: 'postgres',
      skip: pgState === 'up' ? undefined : 'PostgreSQL does not answer (see the test run’s first line)',
      open: async () => {
        const schema = `jd_test_${randomBytes(6).toString('hex')}`;
        const admin = await openPostgres(TEST_PG_URL, { max: 1 });
        await sql`create schema ${sql.id(schema)}`.execute(admin.kysely);
        await admin.close();
        const db = await openPostgres(TEST_PG_URL, { schema, max: 4 });
        const close = async () => {
          await sql`drop schema ${sql.id(schema)} cascade`.execute(db.kysely);
          await db.close();
        };
        return migrated({ ...db, close });
      },
    });
  }
  return out;
}

async function migrated(db: Db): Promise<Db> {
  await migrateToLatest(db);
  return db;
}
