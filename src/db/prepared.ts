import type { Compilable, CompiledQuery, Kysely, QueryId, RootOperationNode } from 'kysely';
import { AppError } from '../errors/index.js';

/**
 * Longest IN list that gets its own compiled form. Each length is a different SQL text, so
 * longer lists are built as usual rather than filling the cache (and SQLite's statement cache)
 * with one-off shapes; the lists pages send are short (one article, a page of cards).
 */
export const MAX_PREPARED_LIST = 64;

/** A query parameter: one value, or a list for `in (…)`. */
export type PreparedParams = Readonly<Record<string, unknown>>;

/** A query built once per Kysely instance and run many times with new values. */
export interface PreparedQuery<DB, P extends PreparedParams, R> {
  /** Runs the query with `params` on `db` (the root instance or a transaction); all rows. */
  execute(db: Kysely<DB>, params: P): Promise<R[]>;
  /** Runs the query with `params` on `db`; the first row, or undefined when there is none. */
  executeTakeFirst(db: Kysely<DB>, params: P): Promise<R | undefined>;
}

// Stands in for a parameter while the query is built: unique by identity, so a constant of the
// query that happens to equal a value (a `1`, a 'published') is never mistaken for it.
class Slot {
  constructor(
    readonly key: string,
    readonly index: number,
  ) {}
  // Only seen if the builder turned the value into SQL text instead of binding it.
  toString(): string {
    return SLOT_TEXT;
  }
}
const SLOT_TEXT = '\u0000jd-prepared-slot\u0000';

/** Where each bound value comes from: a parameter (`index` -1 for a scalar) or a constant of the query. */
type Source = { readonly key: string; readonly index: number } | { readonly key: undefined; readonly value: unknown };

interface Plan {
  readonly sql: string;
  readonly query: RootOperationNode;
  readonly queryId: QueryId;
  readonly sources: readonly Source[];
}

/**
 * Builds a SELECT once per Kysely instance (and per length of each list parameter) and runs it
 * again with new values by binding them into the compiled SQL. Building and compiling a query
 * costs Kysely about as much CPU as SQLite spends running a small one, and a page runs the same
 * dozen queries every time with only ids changing.
 *
 * The SQL text is exactly what `build` compiles to, so results are those of the built query.
 * `build` must pass each parameter straight into the query as a value (`where('id', '=', p.id)`,
 * `limit(p.limit)`, `in` with a list) and depend on nothing else that changes: it runs with
 * stand-ins once, and a parameter that never reaches the bound values throws on that first run.
 * Plugins' `transformQuery` runs when the query is built, their `transformResult` on every run
 * (with the build's query id).
 *
 * @example
 * const byId = prepareQuery((db: Kysely<Database>, p: { id: number }) =>
 *   db.selectFrom('articles').selectAll().where('id', '=', p.id));
 * const row = await byId.executeTakeFirst(db.kysely, { id: 42 });
 */
export function prepareQuery<DB, P extends PreparedParams, R>(build: (db: Kysely<DB>, params: P) => Compilable<R>): PreparedQuery<DB, P, R> {
  // Weak: a transaction's plans go with the transaction.
  const plans = new WeakMap<Kysely<DB>, Map<string, Plan>>();

  const run = async (db: Kysely<DB>, params: P): Promise<R[]> => {
    const shape = shapeOf(params);
    if (shape === undefined) return (await db.executeQuery(build(db, params))).rows;
    let byShape = plans.get(db);
    if (!byShape) plans.set(db, (byShape = new Map()));
    let plan = byShape.get(shape);
    if (!plan) {
      const slots: Slot[] = [];
      plan = planOf(build(db, standIns(params, slots) as P).compile(), slots);
      byShape.set(shape, plan);
    }
    const { sources } = plan;
    const parameters: unknown[] = new Array(sources.length);
    for (let i = 0; i < sources.length; i++) {
      const s = sources[i]!;
      parameters[i] = s.key === undefined ? s.value : s.index < 0 ? params[s.key] : (params[s.key] as readonly unknown[])[s.index];
    }
    const compiled: CompiledQuery<R> = { sql: plan.sql, query: plan.query, queryId: plan.queryId, parameters };
    return (await db.executeQuery(compiled)).rows;
  };

  return {
    execute: run,
    executeTakeFirst: async (db, params) => (await run(db, params))[0],
  };
}

/** The list lengths that pick a compiled form, or undefined when a list is too long to keep one. */
function shapeOf(params: PreparedParams): string | undefined {
  let shape = '';
  for (const key in params) {
    const value = params[key];
    if (!Array.isArray(value)) continue;
    if (value.length > MAX_PREPARED_LIST) return undefined;
    shape += `${key}:${value.length},`;
  }
  return shape;
}

/** Parameters of the same shape as `params` with a stand-in for each value, collected in `slots`. */
function standIns(params: PreparedParams, slots: Slot[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const slot = (key: string, index: number) => {
    const s = new Slot(key, index);
    slots.push(s);
    return s;
  };
  for (const key in params) {
    const value = params[key];
    out[key] = Array.isArray(value) ? value.map((_, i) => slot(key, i)) : slot(key, -1);
  }
  return out;
}

// A value the builder used other than by binding it (computed with, turned into SQL text,
// dropped) would be frozen at its stand-in: refuse the query rather than run it wrong.
function planOf(compiled: CompiledQuery, slots: readonly Slot[]): Plan {
  const bound = new Set(compiled.parameters);
  const unbound = slots.find((s) => !bound.has(s));
  if (unbound || compiled.sql.includes(SLOT_TEXT)) {
    const name = unbound ? (unbound.index < 0 ? unbound.key : `${unbound.key}[${unbound.index}]`) : '(in SQL text)';
    throw new AppError('JD_ERR_INTERNAL', { reason: `prepared query does not bind parameter ${name}`, sql: compiled.sql });
  }
  const sources: Source[] = compiled.parameters.map((p) => (p instanceof Slot ? { key: p.key, index: p.index } : { key: undefined, value: p }));
  return { sql: compiled.sql, query: compiled.query, queryId: compiled.queryId, sources };
}
