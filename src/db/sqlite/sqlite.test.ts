import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, testConfig } from '../../config/index.js';
import type { Db } from '../dialect.js';
import { openDatabase } from '../open.js';
import { openSqlite } from './sqlite.js';

async function cacheSizeOf(db: Db): Promise<number> {
  const { rows } = await sql<{ cache_size: number }>`pragma cache_size`.execute(db.kysely);
  return rows[0]!.cache_size;
}

describe('openSqlite', () => {
  const open: Db[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((d) => d.close()));
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('sizes the page cache in megabytes (a negative cache_size is KiB)', async () => {
    const db = openSqlite(':memory:', { cacheMb: 12 });
    open.push(db);
    expect(await cacheSizeOf(db)).toBe(-12 * 1024);
  });

  it("keeps the driver's default when no size is given", async () => {
    const db = openSqlite(':memory:');
    open.push(db);
    const plain = new SQLite(':memory:');
    const [{ cache_size: driverDefault }] = plain.pragma('cache_size') as [{ cache_size: number }];
    plain.close();
    expect(await cacheSizeOf(db)).toBe(driverDefault);
  });

  it('takes the size from the configuration: 8 MB unless JIAODIAN_SQLITE_CACHE_MB says otherwise', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jd-sqlite-cache-'));
    dirs.push(dir);
    const byDefault = await openDatabase(testConfig({ data: join(dir, 'a') }));
    open.push(byDefault);
    expect(await cacheSizeOf(byDefault)).toBe(-8 * 1024);
    const set = await openDatabase(loadConfig({ data: join(dir, 'b') }, { JIAODIAN_SQLITE_CACHE_MB: '100' }));
    open.push(set);
    expect(await cacheSizeOf(set)).toBe(-100 * 1024);
  });

  it('refuses a size that is not a whole number of megabytes from 1 to 4096', () => {
    for (const bad of ['0', '-5', '1.5', 'lots', '5000']) {
      expect(() => loadConfig({}, { JIAODIAN_SQLITE_CACHE_MB: bad }), bad).toThrow(/JIAODIAN_SQLITE_CACHE_MB|sqlite-cache-mb/);
    }
  });
});
