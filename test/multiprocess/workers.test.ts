// `jiaodian serve --workers 2` over SQLite without Redis: both workers answer on one port, a
// publish through either reaches the other's page cache through the primary, a killed worker is
// replaced, and SIGTERM stops everything.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { testConfig } from '../../src/config/index.js';
import { createContainer } from '../../src/container.js';
import { startServe, type ServerProcess } from './servers.js';

/** A GET on a fresh connection, so that node:cluster hands it to the next worker in turn. */
function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, headers: { connection: 'close' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function workerPids(primary: number): number[] {
  const r = spawnSync('pgrep', ['-P', String(primary)], { encoding: 'utf8' });
  // Only the workers: tsx may have helper processes (esbuild) of its own.
  return r.stdout.split('\n').filter(Boolean).map(Number).filter((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('serve'));
}

describe('jiaodian serve --workers', () => {
  it('refuses a bad worker count with one line and exit code 2', async () => {
    for (const bad of ['0', '65', 'two', '1.5']) {
      let err = '';
      const code = await runCli(['serve', '--workers', bad, '--data', tmpdir()], { stdin: process.stdin, out: () => {}, err: (t) => (err += t), env: {} });
      expect(code).toBe(2);
      expect(err).toBe(`jiaodian: --workers must be a whole number from 1 to 64, not ${JSON.stringify(bad)}\n`);
    }
  });

  describe('two workers over SQLite, no Redis', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jd-workers-'));
    let token = '';
    let server: ServerProcess;
    beforeAll(async () => {
      const c = await createContainer(testConfig({ data: dir }));
      await c.sections.create({ slug: 'world', name: '國際', position: 1 }, new Date().toISOString());
      const user = await c.users.add({ email: 'e@example.com', name: '編輯', role: 'editor', password: 'correct horse battery' });
      token = (await c.auth.tokens.create({ name: 'w', role: 'editor' }, undefined, user.id)).secret;
      await c.close();
      server = await startServe({ JIAODIAN_DATA_DIR: dir, JIAODIAN_PAGE_CACHE: 'on' }, ['--workers', '2'], 90_000);
    }, 120_000);
    afterAll(async () => {
      await server?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('keeps both workers’ pages current, replaces a dead worker, and stops on SIGTERM', async () => {
      const pids = workerPids(server.child.pid!);
      expect(pids).toHaveLength(2);
      // Warm both workers' caches.
      for (let i = 0; i < 4; i++) expect((await get(`${server.url}/`)).status).toBe(200);
      const api = async (path: string, body: object) => {
        const res = await fetch(server.url + path, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
        expect(res.status).toBeLessThan(300);
        return ((await res.json()) as { article: { id: number; version: number } }).article;
      };
      const draft = await api('/api/v1/admin/articles', { title: '工作行程新聞', section: 'world', bodyHtml: '<p>內文。</p>' });
      await api(`/api/v1/admin/articles/${draft.id}/publish`, { version: draft.version });
      const t0 = Date.now();
      // Every worker, whichever took the publish, shows it within a second.
      for (;;) {
        const bodies = await Promise.all([0, 1, 2, 3].map(() => get(`${server.url}/`)));
        if (bodies.every((b) => b.body.includes('工作行程新聞'))) break;
        expect(Date.now() - t0).toBeLessThan(1000);
        await new Promise((r) => setTimeout(r, 20));
      }

      process.kill(pids[0]!, 'SIGKILL');
      const t1 = Date.now();
      while (!/worker \d+ \(pid \d+\) died \(signal SIGKILL\); starting another/.test(server.output())) {
        expect(Date.now() - t1).toBeLessThan(5000);
        await new Promise((r) => setTimeout(r, 50));
      }
      expect((await get(`${server.url}/`)).status).toBe(200);
      const code = await server.stop();
      expect(code).toBe(0);
      expect(execFileSync('sh', ['-c', `ps -o pid= ${pids[1]} || true`], { encoding: 'utf8' }).trim()).toBe('');
    });
  });
});
