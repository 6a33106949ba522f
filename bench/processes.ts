import { fork, spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** Every request of the benchmark goes here: never off the machine. */
export const HOST = '127.0.0.1';

const JIAODIAN_MAIN = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const BARE_SERVER = fileURLToPath(new URL('./bare-server.js', import.meta.url));

/** A server the benchmark started in a child process. */
export interface ServerHandle {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  readonly pid: number;
  /** Stops the process (SIGTERM, then SIGKILL) and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * Owns what the benchmark leaves behind: child processes and temporary folders. `release`
 * stops and removes them all; `releaseNow` is the synchronous last resort for `process.on('exit')`,
 * where nothing asynchronous can run.
 */
export class Leftovers {
  readonly #children = new Set<ChildProcess>();
  readonly #dirs = new Set<string>();

  /** Tracks a child until it exits. */
  child(child: ChildProcess): ChildProcess {
    this.#children.add(child);
    child.once('exit', () => this.#children.delete(child));
    return child;
  }

  /** Removes `dir` on release. */
  dir(dir: string): void {
    this.#dirs.add(dir);
  }

  /** Forgets a folder so it is kept (`--keep`). */
  keep(dir: string): void {
    this.#dirs.delete(dir);
  }

  async release(): Promise<void> {
    await Promise.all([...this.#children].map((c) => stopChild(c)));
    this.#removeDirs();
  }

  releaseNow(): void {
    for (const c of this.#children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    this.#children.clear();
    this.#removeDirs();
  }

  #removeDirs(): void {
    for (const d of this.#dirs) rmSync(d, { recursive: true, force: true });
    this.#dirs.clear();
  }
}

/** A free TCP port on the loopback interface (the OS picks it; we release it for the child). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, HOST, () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port assigned'))));
    });
  });
}

/**
 * Starts the real server, `node dist/src/cli/main.js serve`, on the data folder and waits until
 * it answers. Settings that could send it elsewhere (DATABASE_URL, REDIS_URL, JIAODIAN_*) are
 * removed from its environment, so it serves exactly the folder we filled.
 */
export async function startJiaodian(leftovers: Leftovers, dataDir: string): Promise<ServerHandle> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(JIAODIAN_|DATABASE_URL$|REDIS_URL$|PORT$|HOST$)/.test(k)) env[k] = v;
  Object.assign(env, { JIAODIAN_DEMO: 'off', JIAODIAN_LOG_LEVEL: 'warn', NODE_ENV: 'production' });
  const child = leftovers.child(
    spawn(process.execPath, [JIAODIAN_MAIN, 'serve', '--data', dataDir, '--port', String(port), '--host', HOST], { env, stdio: ['ignore', 'pipe', 'pipe'] }),
  );
  const output = tail(child);
  const origin = `http://${HOST}:${port}`;
  await waitUntilAnswers(`${origin}/api/v1/articles?limit=1`, child, output, 60_000);
  return { origin, pid: child.pid!, stop: () => stopChild(child) };
}

/**
 * Starts a bare `node:http` server in a child process that answers every request with the bytes
 * of `file` and the given content type: the ceiling a Node server on this machine can reach.
 * With `headersFile` (JSON `[name, value]` pairs) it sends those headers instead.
 */
export async function startBareServer(leftovers: Leftovers, file: string, contentType: string, headersFile?: string): Promise<ServerHandle> {
  const child = leftovers.child(fork(BARE_SERVER, [file, contentType, HOST, ...(headersFile ? [headersFile] : [])], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] }));
  const output = tail(child);
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`the bare server exited (${code}) before listening: ${output()}`)));
  });
  return { origin: `http://${HOST}:${port}`, pid: child.pid!, stop: () => stopChild(child) };
}

async function waitUntilAnswers(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server exited (${child.exitCode ?? child.signalCode}) before answering: ${output()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // Not listening yet: try again shortly.
    }
    if (Date.now() > deadline) throw new Error(`the server did not answer ${url} within ${timeoutMs / 1000} s: ${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Stops a child politely, then firmly; resolves once it has exited. */
function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Keeps the last few KB of a child's output for error messages (and drains its pipes so it never blocks). */
function tail(child: ChildProcess, max = 4000): () => string {
  let text = '';
  const keep = (chunk: Buffer) => {
    text = (text + chunk.toString('utf8')).slice(-max);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => text.trim().split('\n').slice(-5).join(' | ') || '(no output)';
}

/** CPU time (user + system) a process has used so far, in seconds; NaN where /proc is missing. */
export async function cpuSeconds(pid: number): Promise<number> {
  try {
    // Fields after the command name (which may hold spaces) start at the closing parenthesis.
    const stat = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
    return (Number(stat[11]) + Number(stat[12])) / 100;
  } catch {
    return Number.NaN;
  }
}
