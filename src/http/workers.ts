import cluster, { type Worker } from 'node:cluster';
import { LEADER_ENV } from '../events/process-links.js';
import { isIpcEnvelope } from '../events/ipc-cluster.js';

/** Lines the primary prints (stdout for the normal course, stderr for a dead worker). */
export const messages = {
  serving: (n: number, url: string) => `Jiaodian is serving at ${url}/ with ${n} workers (pid ${process.pid})\n`,
  died: (id: number, pid: number | undefined, how: string, delayMs: number) => `worker ${id} (pid ${pid ?? '?'}) died (${how}); starting another${delayMs > 0 ? ` in ${delayMs / 1000} s` : ''}\n`,
  stopping: 'Shutting down the workers…\n',
  forced: (n: number) => `${n} worker(s) did not stop within the grace period and were killed\n`,
} as const;

/** Options of the primary. */
export interface PrimaryOptions {
  readonly workers: number;
  /** The host workers listen on, as written in URLs (IPv6 in brackets); the port is theirs. */
  readonly host: string;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** How long workers get to finish after SIGTERM before they are killed (default 20 s). */
  readonly graceMs?: number;
}

// A worker that dies this soon after starting is probably failing at start: wait before the
// next, instead of forking in a tight loop.
const EARLY_DEATH_MS = 10_000;
const RESTART_DELAY_MS = 2_000;

/**
 * The primary of `jiaodian serve --workers N` (node:cluster, one host). It forks N workers that
 * each run the whole server on the same port (the primary hands out connections), relays
 * cluster messages between them when there is no Redis (src/events/ipc-cluster.ts), restarts a
 * worker that dies (one line on stderr), and on SIGTERM or SIGINT stops them all cleanly and
 * resolves with the exit code.
 *
 * Exactly one worker carries `JIAODIAN_WORKER_LEADER=1` (its replacement inherits it): without
 * Redis it holds the leases of singleton background work.
 *
 * @example
 * if (cluster.isPrimary && workers > 1) return runPrimary({ workers, host: '127.0.0.1', out, err });
 */
export function runPrimary(options: PrimaryOptions): Promise<number> {
  const roles = new Map<number, { leader: boolean; startedAt: number }>();
  let stopping = false;
  let listening = 0;
  let announced = false;

  const fork = (leader: boolean): Worker => {
    const worker = cluster.fork({ [LEADER_ENV]: leader ? '1' : '0' });
    roles.set(worker.id, { leader, startedAt: Date.now() });
    worker.on('message', (message: unknown) => {
      if (!isIpcEnvelope(message)) return;
      for (const other of Object.values(cluster.workers ?? {})) {
        if (other && other.id !== worker.id && other.isConnected()) other.send(message);
      }
    });
    worker.once('listening', (address) => {
      listening++;
      if (!announced && listening >= options.workers) {
        announced = true;
        // The port the workers got (with --port 0, one the system chose for all of them).
        options.out(messages.serving(options.workers, `http://${options.host}:${address.port}`));
      }
    });
    return worker;
  };

  cluster.on('exit', (worker, code, signal) => {
    const role = roles.get(worker.id);
    roles.delete(worker.id);
    if (stopping || !role) return;
    const delay = Date.now() - role.startedAt < EARLY_DEATH_MS ? RESTART_DELAY_MS : 0;
    options.err(messages.died(worker.id, worker.process.pid, signal ? `signal ${signal}` : `exit code ${code}`, delay));
    setTimeout(() => {
      if (!stopping) fork(role.leader);
    }, delay);
  });

  for (let i = 0; i < options.workers; i++) fork(i === 0);

  return new Promise<number>((resolve) => {
    const stop = () => {
      if (stopping) return;
      stopping = true;
      options.out(messages.stopping);
      const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
      if (alive.length === 0) return resolve(0);
      let left = alive.length;
      const timer = setTimeout(() => {
        const stuck = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
        options.err(messages.forced(stuck.length));
        for (const w of stuck) w.process.kill('SIGKILL');
      }, options.graceMs ?? 20_000);
      for (const w of alive) {
        w.once('exit', () => {
          if (--left === 0) {
            clearTimeout(timer);
            resolve(0);
          }
        });
        // Each worker closes its server, flushes its buffers and closes the database.
        w.process.kill('SIGTERM');
      }
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}
