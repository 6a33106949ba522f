import { spawnSync } from 'node:child_process';
import { Socket } from 'node:net';

/** URL of the Redis server tests use. */
export const TEST_REDIS_URL = process.env.JIAODIAN_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Why Redis tests are skipped here, or undefined when Redis answers. With
 * `JIAODIAN_TEST_REDIS=required` (CI) an absent Redis throws instead: a failure, not a skip.
 */
export async function redisSkipReason(url = TEST_REDIS_URL): Promise<string | undefined> {
  const u = new URL(url);
  const up = await pings(u.hostname, Number(u.port || 6379));
  if (up) return undefined;
  const reason = `Redis at ${u.hostname}:${u.port || 6379} does not answer: skipping the Redis tests`;
  if (process.env.JIAODIAN_TEST_REDIS === 'required') throw new Error(`Redis tests are required but ${reason.split(':')[0]} does not answer`);
  console.log(reason);
  return reason;
}

function pings(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host, () => socket.write('PING\r\n'));
    socket.once('data', (d) => done(d.toString().startsWith('+PONG')));
  });
}

/** A throwaway redis-server on its own port, which a test may stop and start (outages). */
export class ScratchRedis {
  readonly port: number;
  constructor(port = 16_390 + Math.floor(Math.random() * 2000)) {
    this.port = port;
  }
  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }
  /** Starts the server and waits until it answers. */
  async start(): Promise<void> {
    const r = spawnSync('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'yes', '--dir', '/tmp', '--logfile', ''], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`redis-server did not start: ${r.stderr || r.stdout}`);
    for (let i = 0; i < 100; i++) {
      if (await pings('127.0.0.1', this.port)) return;
      await new Promise((res) => setTimeout(res, 30));
    }
    throw new Error(`redis-server on port ${this.port} did not answer`);
  }
  /** Stops the server (an outage) and waits until it is gone. */
  async stop(): Promise<void> {
    spawnSync('redis-cli', ['-p', String(this.port), 'shutdown', 'nosave'], { encoding: 'utf8' });
    for (let i = 0; i < 100; i++) {
      if (!(await pings('127.0.0.1', this.port))) return;
      await new Promise((res) => setTimeout(res, 30));
    }
  }
}

/** Whether a redis-server binary is on this machine (the outage tests start their own). */
export function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version']).status === 0;
}
