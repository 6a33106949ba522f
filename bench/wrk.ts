import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CONNECTIONS, loadTest, TIMEOUT_SECONDS, WARMUP_SECONDS, type LoadFigures } from './cannon.js';
import { cpuSeconds } from './processes.js';

/** Where Debian installs wrk. */
export const WRK = '/usr/bin/wrk';

/** The load tool a run uses: wrk when installed (it costs the CPUs less than autocannon), else autocannon. */
export function loadTool(): 'wrk' | 'autocannon' {
  return existsSync(WRK) ? 'wrk' : 'autocannon';
}

/**
 * One load run of a fixed path with the tool `loadTool()` picks: `WARMUP_SECONDS` of warm-up,
 * then `seconds` measured, `CONNECTIONS` connections, one request at a time per connection. The
 * same tool must load both sides of a ratio. With `serverPid` (and wrk), the figures include the
 * CPU time that process used over the measured run alone.
 */
export async function loadFixedPath(origin: string, path: string, seconds: number, serverPid?: number): Promise<LoadFigures> {
  if (loadTool() === 'autocannon') return loadTest({ origin, path, seconds });
  await runWrk(origin + path, WARMUP_SECONDS);
  const before = serverPid === undefined ? Number.NaN : await cpuSeconds(serverPid);
  const figures = parseWrk(await runWrk(origin + path, seconds));
  if (serverPid === undefined) return figures;
  return { ...figures, serverCpuSeconds: (await cpuSeconds(serverPid)) - before };
}

function runWrk(url: string, seconds: number): Promise<string> {
  // One thread: the server under test needs the other core.
  const args = ['-t1', `-c${CONNECTIONS}`, `-d${seconds}s`, `--timeout`, `${TIMEOUT_SECONDS}s`, '--latency', url];
  return new Promise((resolve, reject) => {
    const child = spawn(WRK, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`wrk exited with ${code}: ${err.trim() || out.trim()}`))));
  });
}

/** Reads wrk's `--latency` report. */
export function parseWrk(out: string): LoadFigures {
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  const requests = Number(/(\d+) requests in/.exec(out)?.[1]);
  if (!Number.isFinite(rps) || !Number.isFinite(requests)) throw new Error(`unreadable wrk output: ${out.trim().slice(0, 300)}`);
  const percentile = (p: string) => {
    const m = new RegExp(`^\\s*${p}%\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm').exec(out);
    if (!m) return NaN;
    return Number(m[1]) * ({ us: 0.001, ms: 1, s: 1000 } as const)[m[2] as 'us' | 'ms' | 's'];
  };
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const timeouts = socket ? Number(socket[4]) : 0;
  const errors = socket ? Number(socket[1]) + Number(socket[2]) + Number(socket[3]) : 0;
  return { rps, p50Ms: percentile('50'), p99Ms: percentile('99'), requests, failures: non2xx + errors, timeouts };
}
