import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../main.js';

const dir = mkdtempSync(join(tmpdir(), 'jd-build-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdin: Readable.from(['']), out: (t) => (out += t), err: (t) => (err += t), env: { JIAODIAN_PROGRESS: 'lines' } });
  return { code, out, err };
}

describe('jiaodian build', () => {
  it('asks for --out with one line and exit 2', async () => {
    const r = await cli(['build', '--data', join(dir, 'data'), '--demo', 'off']);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain('--out');
  });

  it('refuses a folder that is not an export, and leaves it alone', async () => {
    const precious = join(dir, 'documents');
    mkdirSync(precious);
    writeFileSync(join(precious, 'thesis.txt'), 'mine');
    const r = await cli(['build', '--data', join(dir, 'data'), '--demo', 'off', '--out', precious]);
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain('holds no static export');
    expect(readFileSync(join(precious, 'thesis.txt'), 'utf8')).toBe('mine');
  });

  it('exports an empty site with a progress line and a summary', async () => {
    const out = join(dir, 'site');
    const r = await cli(['build', '--data', join(dir, 'data'), '--demo', 'off', '--out', out]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^Built \d+ pages .* pages\/s/);
    expect(r.err).toMatch(/pages/);
    for (const f of ['index.html', 'zh-tw/index.html', 'feed.xml', 'sitemap.xml', 'robots.txt', '404.html', 'search/index.html', '.jiaodian-build.json']) expect(existsSync(join(out, f)), f).toBe(true);
  });
});
