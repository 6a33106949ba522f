import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../db/dialects.testkit.js';
import { UpsertStatements } from './views-sql.js';
import { viewsFixture, type ViewsFixture } from './views.testkit.js';

// Reused compiled upserts must do exactly what freshly compiled ones do, on every dialect.
for (const dialect of testDialects()) {
  describe.skipIf(dialect.skip)(`views upsert statements on ${dialect.name}`, () => {
    let f: ViewsFixture;
    beforeAll(async () => {
      f = await viewsFixture(dialect, [['a', 'world']]);
    });
    afterAll(async () => {
      await f?.close();
    });

    it('adds up the same whether a statement is compiled or reused', async () => {
      const k = f.c.db.kysely;
      const id = f.ids.get('a')!;
      const upserts = new UpsertStatements();
      // 1,000 hours: chunks of 400, 400 and 200, so the second chunk reuses the first one's text.
      const rows = Array.from({ length: 1000 }, (_, i) => ({ article_id: id, hour: 500_000 + i, views: 1 + (i % 3) }));
      const write = () =>
        upserts.run(k, 'hours', rows, (chunk) =>
          k
            .insertInto('view_hours')
            .values(chunk)
            .onConflict((oc) => oc.columns(['article_id', 'hour']).doUpdateSet((eb) => ({ views: eb('view_hours.views', '+', eb.ref('excluded.views')) }))),
        );
      await write();
      await write();
      const stored = await k.selectFrom('view_hours').select(['hour', 'views']).where('article_id', '=', id).orderBy('hour').execute();
      expect(stored).toHaveLength(1000);
      expect(stored.map((r) => Number(r.views))).toEqual(rows.map((r) => 2 * r.views));
    });
  });
}
