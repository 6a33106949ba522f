import type { Kysely } from 'kysely';
import type { AuditLogRow, AuditLogTable, Database } from '../db/index.js';

/** Filters of the audit log; all optional, combined with AND. */
export interface AuditFilter {
  /** An exact action, or a prefix ending in `.` or `*` (`auth.` → every sign-in entry). */
  readonly action?: string;
  readonly userId?: number;
  readonly tokenId?: number;
  readonly target?: string;
  readonly ip?: string;
  /** ISO instants, inclusive from, exclusive to. */
  readonly from?: string;
  readonly to?: string;
}

/** An entry with the names of its actor as they are now. */
export type AuditRowWithNames = AuditLogRow & { actor_email: string | null; actor_token_name: string | null };

/** SQL for the audit log: insert and filtered, paged reads; nothing updates or deletes it. */
export class AuditRepo {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async insert(row: Omit<AuditLogTable, 'id'>): Promise<void> {
    await this.#db.insertInto('audit_log').values(row).execute();
  }

  async list(f: AuditFilter, limit: number, offset: number): Promise<{ rows: AuditRowWithNames[]; total: number }> {
    let q = this.#db.selectFrom('audit_log');
    if (f.action) {
      const prefix = /[.*]$/.test(f.action) ? f.action.replace(/\*$/, '') : undefined;
      // LIKE would treat % and _ in the prefix as wildcards; compare the leading characters instead.
      q = prefix !== undefined ? q.where((eb) => eb(eb.fn('substr', ['action', eb.lit(1), eb.lit(prefix.length)]), '=', prefix)) : q.where('action', '=', f.action);
    }
    if (f.userId !== undefined) q = q.where('actor_user_id', '=', f.userId);
    if (f.tokenId !== undefined) q = q.where('actor_token_id', '=', f.tokenId);
    if (f.target !== undefined) q = q.where('target', '=', f.target);
    if (f.ip !== undefined) q = q.where('ip', '=', f.ip);
    if (f.from !== undefined) q = q.where('at', '>=', f.from);
    if (f.to !== undefined) q = q.where('at', '<', f.to);
    const [rows, count] = await Promise.all([
      q
        .leftJoin('users', 'users.id', 'audit_log.actor_user_id')
        .leftJoin('api_tokens', 'api_tokens.id', 'audit_log.actor_token_id')
        .selectAll('audit_log')
        .select(['users.email as actor_email', 'api_tokens.name as actor_token_name'])
        .orderBy('audit_log.id', 'desc')
        .limit(limit)
        .offset(offset)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }
}
