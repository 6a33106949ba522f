import { spawn, spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { openBenchContainer } from '../load.js';
import type { BenchContext } from '../measure.js';
import { cpuSeconds, freePort, HOST } from '../processes.js';

const JIAODIAN_MAIN = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

/** The views measurement's own server process. */
export interface PinnedServer {
  readonly origin: string;
  readonly port: number;
  readonly pid: number;
  /** Where it runs: `CPU n`, or why it is not pinned. */
  readonly cpu: string;
  stop(): Promise<void>;
}

/** How to start a server of a measurement's own. */
export interface OwnServerOptions {
  /** Pin it to the last CPU (default true); false lets it run on any, as a real server does. */
  readonly pinned?: boolean;
  /** More settings for its environment, e.g. `JIAODIAN_PAGE_CACHE: 'off'`. */
  readonly env?: Readonly<Record<string, string>>;
  /** More arguments for `jiaodian serve`, e.g. `['--workers', '2']`. */
  readonly args?: readonly string[];
}

/**
 * Starts `jiaodian serve` on the data folder, pinned to the last CPU with `taskset` when there
 * is one (the load generator in this process mostly runs on the others), with
 * `JIAODIAN_TRUST_PROXY=loopback` so that the X-Forwarded-For of the load counts as the reader's
 * address. Settings that could send it elsewhere are removed from its environment, as in
 * processes.ts; `options.env` adds settings of the measurement's own.
 */
export async function startPinned(ctx: BenchContext, options: OwnServerOptions = {}): Promise<PinnedServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(JIAODIAN_|DATABASE_URL$|REDIS_URL$|PORT$|HOST$)/.test(k)) env[k] = v;
  Object.assign(env, { JIAODIAN_DEMO: 'off', JIAODIAN_LOG_LEVEL: 'warn', NODE_ENV: 'production', JIAODIAN_TRUST_PROXY: 'loopback' }, options.env);
  const args = [JIAODIAN_MAIN, 'serve', '--data', ctx.dataDir, '--port', String(port), '--host', HOST, ...(options.args ?? [])];
  const cpu = String(availableParallelism() - 1);
  const pinned = options.pinned !== false && spawnSync('taskset', ['--version']).status === 0;
  // taskset execs node in place: the child's pid is the server's, so /proc/PID works.
  const child = ctx.leftovers.child(pinned ? spawn('taskset', ['-c', cpu, process.execPath, ...args], { env, stdio: 'ignore' }) : spawn(process.execPath, args, { env, stdio: 'ignore' }));
  const origin = `http://${HOST}:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the views server exited (${child.exitCode}) before answering`);
    if (await fetch(`${origin}/api/v1/sections`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) throw new Error('the views server did not answer within 60 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  return { origin, port, pid: child.pid!, cpu: pinned ? `CPU ${cpu}` : options.pinned === false ? 'any CPU' : 'no CPU (taskset missing)', stop };
}

/** A process's resident memory now (VmRSS), in MB; 0 where /proc is missing. */
export async function rssMb(pid: number): Promise<number> {
  const { now } = await memoryMb(pid);
  return Number.isNaN(now) ? 0 : now;
}

/** A process's peak (VmHWM) and present (VmRSS) resident memory, in MB; NaN where /proc is missing. */
export async function memoryMb(pid: number): Promise<{ peak: number; now: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const mb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1] ?? Number.NaN) / 1024;
  return { peak: mb('VmHWM'), now: mb('VmRSS') };
}

/**
 * CPU time of a process and all its descendants (a `--workers` primary and its workers), in
 * seconds; NaN where /proc is missing. A child that exits meanwhile takes its time with it.
 */
export async function treeCpuSeconds(pid: number): Promise<number> {
  let total = await cpuSeconds(pid);
  const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  for (const child of children.split(' ').filter(Boolean)) total += await treeCpuSeconds(Number(child));
  return total;
}

/** All views stored in the data folder (sum of `view_totals`). */
export async function storedViews(dataDir: string): Promise<number> {
  const c = await openBenchContainer(dataDir);
  try {
    const row = await sql<{ n: number | null }>`select sum(views) as n from view_totals`.execute(c.db.kysely);
    return Number(row.rows[0]?.n ?? 0);
  } finally {
    await c.close();
  }
}
