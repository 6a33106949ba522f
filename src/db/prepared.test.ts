import { CamelCasePlugin, sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testDialects } from './dialects.testkit.js';
import type { Db } from './dialect.js';
import { MAX_PREPARED_LIST, prepareQuery } from './prepared.js';
import type { Database } from './schema.js';

type K = Kysely<Database>;

// Constants ('x', 1) sit among the parameters on purpose: only the stand-ins may move.
const tagsIn = (db: K, p: { ids: readonly number[]; limit: number }) =>
  db.selectFrom('tags').selectAll().where('id', 'in', p.ids).where('description', '!=', 'x').where('version', '>=', 1).orderBy('id').limit(p.limit);
const tagById = (db: K, p: { id: number }) => db.selectFrom('tags').select(['id', 'slug', 'created_at']).where('id', '=', p.id);
// The same parameter twice, and two of them in the raw SQL form.
const twice = (db: K, p: { id: number; slug: string }) =>
  db
    .selectFrom('tags')
    .select('slug')
    .where((eb) => eb.or([eb('id', '=', p.id), eb('slug', '=', p.slug)]))
    .where(sql<boolean>`${p.id} > 0`);

for (const dialect of testDialects()) {
  describe.skipIf(dialect.skip)(`prepared queries on ${dialect.name}`, () => {
    let db: Db;
    const ids: number[] = [];
    beforeAll(async () => {
      db = await dialect.open();
      for (let i = 0; i < 80; i++) {
        const row = await db.kysely
          .insertInto('tags')
          .values({ slug: `t${i}`, name: `標籤${i}`, description: i % 7 === 0 ? 'x' : '', created_at: '2026-11-01T00:00:00.000Z' })
          .returning('id')
          .executeTakeFirstOrThrow();
        ids.push(row.id);
      }
    });
    afterAll(async () => {
      await db?.close();
    });

    it('sends the SQL the builder compiles to, with the new values in their places', async () => {
      const sent: Array<{ sql: string; parameters: readonly unknown[] }> = [];
      const k = db.kysely.withPlugin({ transformQuery: (a) => a.node, transformResult: async (a) => a.result });
      const spy = vi.spyOn(k, 'executeQuery').mockImplementation(async (q) => {
        const { sql, parameters } = 'compile' in q ? q.compile() : q;
        sent.push({ sql, parameters });
        return { rows: [] };
      });
      const q = prepareQuery(tagsIn);
      for (const list of [[ids[3]!], [ids[1]!, ids[9]!, ids[4]!], ids.slice(0, MAX_PREPARED_LIST), ids.slice(0, MAX_PREPARED_LIST + 1)]) {
        await q.execute(k, { ids: list, limit: list.length - 1 });
        const want = tagsIn(k, { ids: list, limit: list.length - 1 }).compile();
        expect(sent.pop()).toEqual({ sql: want.sql, parameters: want.parameters });
      }
      await prepareQuery(twice).execute(k, { id: ids[2]!, slug: 't5' });
      const want = twice(k, { id: ids[2]!, slug: 't5' }).compile();
      expect(sent.pop()).toEqual({ sql: want.sql, parameters: want.parameters });
      spy.mockRestore();
    });

    it('returns what the built query returns, run after run', async () => {
      const q = prepareQuery(tagsIn);
      const one = prepareQuery(tagById);
      const lists = [[ids[0]!], [ids[7]!], [ids[5]!, ids[2]!], ids.slice(10, 13), ids.slice(0, 70), [ids[1]!], [999_999]];
      for (const list of lists) {
        for (const limit of [1, 50]) {
          expect(await q.execute(db.kysely, { ids: list, limit })).toEqual(await tagsIn(db.kysely, { ids: list, limit }).execute());
        }
      }
      for (const id of [ids[0]!, ids[40]!, 999_999]) {
        expect(await one.executeTakeFirst(db.kysely, { id })).toEqual(await tagById(db.kysely, { id }).executeTakeFirst());
      }
      expect(await one.executeTakeFirst(db.kysely, { id: ids[8]! })).toMatchObject({ id: ids[8], slug: 't8' });
      expect(await prepareQuery(twice).execute(db.kysely, { id: ids[2]!, slug: 't5' })).toEqual([{ slug: 't2' }, { slug: 't5' }]);
    });

    it('builds once per instance and list length, and not at all for long lists', async () => {
      const build = vi.fn(tagsIn);
      const q = prepareQuery(build);
      for (let i = 0; i < 5; i++) await q.execute(db.kysely, { ids: [ids[i]!], limit: 5 });
      expect(build).toHaveBeenCalledTimes(1);
      await q.execute(db.kysely, { ids: [ids[1]!, ids[2]!], limit: 5 });
      await q.execute(db.kysely, { ids: [ids[3]!, ids[4]!], limit: 5 });
      expect(build).toHaveBeenCalledTimes(2);
      const long = ids.slice(0, MAX_PREPARED_LIST + 1);
      await q.execute(db.kysely, { ids: long, limit: 100 });
      await q.execute(db.kysely, { ids: long, limit: 100 });
      // Built with the real values each time: no stand-ins among them.
      expect(build.mock.calls.slice(2).map((c) => c[1].ids)).toEqual([long, long]);
    });

    it('runs on the transaction it is given, not on the root instance', async () => {
      const q = prepareQuery(tagById);
      await q.executeTakeFirst(db.kysely, { id: ids[0]! });
      await db.kysely
        .transaction()
        .execute(async (trx) => {
          const row = await trx.insertInto('tags').values({ slug: 'in-trx', name: '交易', description: '', created_at: '2026-11-01T00:00:00.000Z' }).returning('id').executeTakeFirstOrThrow();
          // On SQLite the root would wait for the transaction's connection; on PostgreSQL it would not see the row.
          expect(await q.executeTakeFirst(trx, { id: row.id })).toMatchObject({ slug: 'in-trx' });
          throw Object.assign(new Error('roll back'), { rollback: true });
        })
        .catch((err: { rollback?: boolean }) => {
          if (!err.rollback) throw err;
        });
      expect(await db.kysely.selectFrom('tags').select('id').where('slug', '=', 'in-trx').executeTakeFirst()).toBeUndefined();
    });

    it("keeps plugins' result transforms", async () => {
      const camel = db.kysely.withPlugin(new CamelCasePlugin());
      const q = prepareQuery(tagById);
      expect(await q.executeTakeFirst(camel, { id: ids[3]! })).toEqual({ id: ids[3], slug: 't3', createdAt: '2026-11-01T00:00:00.000Z' });
      expect(await q.executeTakeFirst(camel, { id: ids[4]! })).toEqual({ id: ids[4], slug: 't4', createdAt: '2026-11-01T00:00:00.000Z' });
    });

    it('refuses a builder that does not bind a parameter as a value', async () => {
      const computed = prepareQuery((k: K, p: { id: number }) => k.selectFrom('tags').select('id').where('id', '=', p.id + 1));
      await expect(computed.execute(db.kysely, { id: 1 })).rejects.toMatchObject({ code: 'JD_ERR_INTERNAL', params: { reason: 'prepared query does not bind parameter id' } });
      const literal = prepareQuery((k: K, p: { ids: readonly number[] }) => k.selectFrom('tags').select('id').where('id', 'in', [p.ids[0]!, sql.raw<number>(String(p.ids[1]))]));
      await expect(literal.execute(db.kysely, { ids: [1, 2] })).rejects.toMatchObject({ code: 'JD_ERR_INTERNAL' });
    });
  });
}
