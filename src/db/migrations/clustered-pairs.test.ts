import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../dialect.js';
import type { Database } from '../schema.js';
import { openSqlite } from '../sqlite/sqlite.js';
import { migrations } from './index.js';

const NOW = '2026-11-01T00:00:00.000Z';
const TABLES = ['covisit_pairs', 'related_lists', 'view_hours'] as const;

describe('0120-clustered-pairs on SQLite', () => {
  let dir: string | undefined;
  let db: Db | undefined;
  afterEach(async () => {
    await db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('moves the pair tables into their primary keys, keeping rows, indexes and cascades', async () => {
    dir = mkdtempSync(join(tmpdir(), 'jd-0120-'));
    db = openSqlite(join(dir, 'j.sqlite'));
    const k = db.kysely as unknown as Kysely<unknown>;
    for (const [name, m] of Object.entries(migrations)) if (name < '0120') await m.up(k, db.adapter);
    const kd = db.kysely;
    const section = await kd.insertInto('sections').values({ parent_id: null, slug: 'news', name: '新聞', description: '', position: 1, created_at: NOW, updated_at: NOW }).returning('id').executeTakeFirstOrThrow();
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const row = await kd
        .insertInto('articles')
        .values({ slug: `a${i}`, title: `標題${i}`, subtitle: '', summary: '', body_html: '<p>正文</p>', cover_media_id: null, cover_caption: '', cover_credit: '', section_id: section.id, source_name: '', source_url: '', lang: 'zh-Hant', status: 'published', is_headline: 0, is_featured: 0, is_slideshow: 0, published_at: NOW, created_at: NOW, updated_at: NOW, correction_note: '', corrected_at: null, version: 1, publish_at: null, created_by: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(row.id);
    }
    const [a, b, c] = ids as [number, number, number];
    await kd.insertInto('covisit_pairs').values([{ article_id: a, other_id: a, weight: 3.25 }, { article_id: a, other_id: b, weight: 1.5 }, { article_id: b, other_id: c, weight: 0.75 }]).execute();
    await kd.insertInto('related_lists').values([{ article_id: a, related_id: c, score: 0.5 }, { article_id: c, related_id: b, score: 0.25 }]).execute();
    await kd.insertInto('view_hours').values([{ article_id: b, hour: 493_000, views: 7 }, { article_id: b, hour: 493_001, views: 2 }]).execute();
    const before = await dump(kd);

    await migrations['0120-clustered-pairs']!.up(k, db.adapter);

    expect(await dump(kd)).toEqual(before);
    const master = await sql<{ name: string; sql: string | null }>`select name, sql from sqlite_master where tbl_name in (${sql.join([...TABLES])})`.execute(kd);
    const ddl = new Map(master.rows.map((r) => [r.name, r.sql ?? '']));
    for (const t of TABLES) expect(ddl.get(t)).toMatch(/without rowid$/i);
    // Each table's own index is back, and no autoindex is left: the key is the table.
    expect([...ddl.keys()].sort()).toEqual(['covisit_pairs', 'related_lists', 'related_lists_related', 'view_hours', 'view_hours_hour']);
    // The plan reads the neighbours from the key alone.
    const plan = await sql<{ detail: string }>`explain query plan select other_id, weight from covisit_pairs where article_id = ${a}`.execute(kd);
    expect(plan.rows.map((r) => r.detail).join(' ')).toMatch(/USING PRIMARY KEY/);

    // Deleting an article still takes its rows on both sides of every pair.
    await kd.deleteFrom('articles').where('id', '=', b).execute();
    const after = await dump(kd);
    expect(after.covisit).toEqual([{ article_id: a, other_id: a, weight: 3.25 }]);
    expect(after.related).toEqual([{ article_id: a, related_id: c, score: 0.5 }]);
    expect(after.hours).toEqual([]);
  });
});

async function dump(k: Kysely<Database>) {
  return {
    covisit: await k.selectFrom('covisit_pairs').selectAll().orderBy('article_id').orderBy('other_id').execute(),
    related: await k.selectFrom('related_lists').selectAll().orderBy('article_id').orderBy('related_id').execute(),
    hours: await k.selectFrom('view_hours').selectAll().orderBy('article_id').orderBy('hour').execute(),
  };
}
