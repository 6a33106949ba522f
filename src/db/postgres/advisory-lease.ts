import type pg from 'pg';
import type { Lease } from '../../events/lease.js';
import { loadPg } from './postgres.js';

/**
 * Leases as PostgreSQL session advisory locks, for processes that share a PostgreSQL database
 * but no Redis. One dedicated connection per process holds its locks: they last while it lives,
 * and a process that dies (its connection drops) frees them for the next one at once. `ttlMs`
 * is not needed here. While the database is unreachable every process answers true for itself:
 * the guarded work claims its rows in the database anyway (see `Lease`), and it cannot run then.
 *
 * @example
 * const lease = new AdvisoryLease(process.env.DATABASE_URL!);
 * if (await lease.hold('webhooks.poll', 15_000)) dispatcher.kick();
 */
export class AdvisoryLease implements Lease {
  readonly #url: string;
  #client: Promise<pg.Client> | undefined;
  readonly #held = new Set<string>();

  constructor(url: string) {
    this.#url = url;
  }

  async hold(name: string, _ttlMs: number): Promise<boolean> {
    try {
      const client = await this.#connect();
      if (this.#held.has(name)) return true;
      // Two 32-bit keys: a namespace for Jiaodian's leases and the name's hash.
      const { rows } = await client.query<{ ok: boolean }>(`select pg_try_advisory_lock(hashtext('jiaodian.lease'), hashtext($1)) as ok`, [name]);
      if (rows[0]?.ok) this.#held.add(name);
      return rows[0]?.ok === true;
    } catch {
      this.#drop();
      return true;
    }
  }

  async release(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    this.#held.clear();
    // Closing the session releases every lock it held.
    if (client) await client.then((c) => c.end()).catch(() => {});
  }

  #connect(): Promise<pg.Client> {
    this.#client ??= (async () => {
      const { Client } = await loadPg();
      const client = new Client({ connectionString: this.#url, connectionTimeoutMillis: 3000 });
      // A dropped connection lost its locks: forget them and connect again on the next call.
      client.on('error', () => this.#drop());
      client.on('end', () => this.#drop(client));
      await client.connect();
      return client;
    })();
    return this.#client;
  }

  #drop(which?: pg.Client): void {
    const current = this.#client;
    if (!current) return;
    void current.then(
      (c) => {
        if (which && c !== which) return;
        if (this.#client === current) {
          this.#client = undefined;
          this.#held.clear();
        }
        c.end().catch(() => {});
      },
      () => {
        if (this.#client === current) this.#client = undefined;
      },
    );
  }
}

/**
 * The lease the database itself can give: advisory locks on PostgreSQL; none on SQLite, whose
 * file only processes of one host share (`serve --workers` elects a leader for those).
 */
export function databaseLease(databaseUrl: string | undefined): Lease | undefined {
  return databaseUrl ? new AdvisoryLease(databaseUrl) : undefined;
}
