import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { isAppError } from '../errors/index.js';
import { startServer } from '../main.js';
import { runCli } from './main.js';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'jd-cli-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function cli(argv: string[], env: Record<string, string> = {}, stdin = '') {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdin: Readable.from([stdin]), out: (t) => (out += t), err: (t) => (err += t), env });
  return { code, out, err };
}

describe('jiaodian CLI', () => {
  it('prints help for the tool and for each command', async () => {
    const top = await cli(['--help']);
    expect(top.code).toBe(0);
    for (const name of ['serve', 'migrate', 'demo', 'user']) {
      expect(top.out).toContain(name);
      const sub = await cli([name, '--help']);
      expect(sub.code, name).toBe(0);
      expect(sub.out).toContain(`Usage: jiaodian ${name}`);
    }
  });

  it('answers mistakes with one line on stderr and a non-zero exit', async () => {
    for (const argv of [['frobnicate'], ['serve', '--nope'], ['user', 'add'], ['user', 'add', '--email', 'a@b.c'], ['user', 'delete']]) {
      const r = await cli(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(/^jiaodian: /);
    }
    const badPort = await cli(['migrate'], { PORT: 'abc', JIAODIAN_DATA_DIR: tmp() });
    expect(badPort.code).toBe(1);
    expect(badPort.err).toBe('jiaodian: invalid setting PORT="abc": expected a whole number from 0 to 65535\n');
  });

  it('names the host but never the password of an unreachable database', async () => {
    const r = await cli(['migrate', '--database-url', 'postgres://editor:s3cret@127.0.0.1:1/news']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^jiaodian: cannot reach the database at 127\.0\.0\.1:1\/news: connection refused\n$/);
    expect(r.err).not.toContain('s3cret');
  });

  it('migrates, loads the demo and adds users in a data folder', async () => {
    const data = tmp();
    expect((await cli(['migrate', '--data', data])).out).toMatch(/Applied \d+ migration/);
    expect((await cli(['migrate', '--data', data])).out).toMatch(/up to date/);
    const demo = await cli(['demo', '--data', data]);
    expect(demo.code).toBe(0);
    expect(demo.out).toMatch(/Loaded the demo newsroom .*: (\d+) articles/);
    expect(Number(/(\d+) articles/.exec(demo.out)![1])).toBeGreaterThanOrEqual(40);
    const again = await cli(['demo', '--data', data]);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/--reset/);
    expect((await cli(['demo', '--reset', '--data', data])).code).toBe(0);

    const add = await cli(['user', 'add', '--email', 'Editor@Example.com', '--role', 'editor', '--password-stdin', '--data', data], {}, 'correct horse battery\n');
    expect(add.code).toBe(0);
    expect(add.out).toContain('editor@example.com');
    const dup = await cli(['user', 'add', '--email', 'editor@example.com', '--role', 'author', '--data', data]);
    expect(dup.code).toBe(1);
    expect(dup.err).toMatch(/already exists/);
    const role = await cli(['user', 'add', '--email', 'x@example.com', '--role', 'boss', '--data', data]);
    expect(role.code).toBe(1);
    expect(role.err).toMatch(/^jiaodian: some fields are not valid: role: /);
    const weak = await cli(['user', 'add', '--email', 'y@example.com', '--role', 'author', '--password-stdin', '--data', data], {}, 'short\n');
    expect(weak.err).toMatch(/at least 10 characters/);
  });

  it('refuses to start a second server on a busy port with a clear message', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    const err = await startServer(loadConfig({ data: tmp(), port: String(port), demo: 'off', 'log-level': 'silent' }, {})).catch((e: unknown) => e);
    blocker.close();
    expect(isAppError(err, 'JD_ERR_HTTP_PORT_IN_USE')).toBe(true);
    expect((err as Error).message).toContain(`port ${port} on 127.0.0.1 is already in use`);
  });
});
