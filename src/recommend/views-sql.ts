import { CompiledQuery, type Compilable, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/index.js';

/** Rows per multi-row statement: well under both dialects' bound-parameter limits. */
export const CHUNK = 400;

/**
 * Multi-row upserts for the views flush, whose SQL text Kysely compiles once per statement and
 * row count, then reused with each batch's parameters. Building and compiling a 400-row INSERT
 * costs about as much as SQLite takes to run it, many times a second under load; the text is
 * the dialect's own compiler output, so placeholders stay right for SQLite and PostgreSQL (and
 * SQLite's prepared-statement cache, keyed by that text, is hit too). The first compile of each
 * shape checks that its parameters are exactly the rows' values in order; if not, that shape is
 * never reused and always compiled.
 */
export class UpsertStatements {
  readonly #sql = new Map<string, string | null>();

  /** Runs `build(chunk)` for every chunk of `rows`, reusing compiled text where it is safe. */
  async run<R extends Record<string, number>>(db: Kysely<Database> | Transaction<Database>, name: string, rows: readonly R[], build: (chunk: readonly R[]) => Compilable): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      const key = `${name}:${chunk.length}`;
      const params: number[] = [];
      for (const r of chunk) for (const v of Object.values(r)) params.push(v);
      const text = this.#sql.get(key);
      if (text) {
        await db.executeQuery(CompiledQuery.raw(text, params));
        continue;
      }
      const compiled = build(chunk).compile();
      if (text === undefined) this.#sql.set(key, sameValues(compiled.parameters, params) ? compiled.sql : null);
      await db.executeQuery(compiled);
    }
  }
}

function sameValues(a: readonly unknown[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
