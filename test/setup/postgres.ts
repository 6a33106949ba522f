// Vitest global setup: finds out once whether PostgreSQL answers, so that dialect tests either
// run against it or are skipped with one line saying so. CI sets JIAODIAN_TEST_PG=required.
import pg from 'pg';

const url = process.env.JIAODIAN_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export default async function setup(): Promise<void> {
  const wanted = (process.env.DIALECTS ?? 'sqlite,postgres').split(',').map((s) => s.trim());
  if (!wanted.includes('postgres')) {
    process.env.JIAODIAN_TEST_PG_STATE = 'down';
    return;
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    process.env.JIAODIAN_TEST_PG_STATE = 'up';
  } catch (err) {
    if (process.env.JIAODIAN_TEST_PG === 'required') {
      throw new Error(`PostgreSQL tests are required but ${url.replace(/:[^:@/]*@/, ':***@')} does not answer: ${(err as Error).message}`);
    }
    process.env.JIAODIAN_TEST_PG_STATE = 'down';
    console.log(`PostgreSQL at 127.0.0.1:5432 does not answer: skipping the PostgreSQL dialect tests (SQLite tests still run).`);
  } finally {
    await client.end().catch(() => {});
  }
}
