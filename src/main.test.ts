import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { draftAs, newsroom } from './content/newsroom.testkit.js';
import { migrateToLatest, openSqlite } from './db/index.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Packages a server that only serves pages must not load (issue 8: tens of MB each). */
const HEAVY = ['sharp', 'linkedom', 'ioredis', 'pg', 'pinyin-pro', 'fast-xml-parser', 'iconv-lite', 'otplib', '@mozilla/readability', 'uqr'];

/**
 * Run in a fresh process: starts the server on the data folder given, views the front page and
 * the first article linked from it, and prints every module URL the process loaded. ESM
 * packages are seen by a resolve hook (`process.moduleLoadList` lists none of them); CommonJS
 * ones, required directly or through `import`, are in the CommonJS cache.
 */
const PROBE = `
import { createRequire, register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
const { port1, port2 } = new MessageChannel();
const esm = new Set();
port1.on('message', (url) => esm.add(url));
port1.unref();
const hooks = 'export let port; export function initialize(d) { port = d.port; }' +
  'export async function resolve(s, c, next) { const r = await next(s, c); port.postMessage(r.url); return r; }';
register('data:text/javascript,' + encodeURIComponent(hooks), { data: { port: port2 }, transferList: [port2] });
const [dir, root] = process.argv.slice(2);
const { loadConfig } = await import(root + 'src/config/index.ts');
const { startServer } = await import(root + 'src/main.ts');
const running = await startServer(loadConfig({ data: dir, port: '0', demo: 'off', 'log-level': 'silent' }, {}));
const home = await (await fetch(running.url + '/')).text();
const article = /href="(\\/[\\w-]+\\/\\d+-[^"]*\\.html)"/.exec(home)?.[1];
const status = article ? (await fetch(running.url + article)).status : 0;
await running.close();
// Messages from the hook thread arrive asynchronously: let them in before reading.
await new Promise((r) => setTimeout(r, 100));
const cjs = Object.keys(createRequire(import.meta.url)('node:module')._cache);
console.log(JSON.stringify({ article, status, loaded: [...cjs, ...esm] }));
`;

describe('a server that only serves pages', () => {
  it('loads none of the heavy packages that editing, importing, Redis or PostgreSQL need', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jd-lazy-'));
    try {
      // One published article, made here so that the server process itself never edits.
      const db = openSqlite(join(dir, 'jiaodian.sqlite'));
      await migrateToLatest(db);
      const n = await newsroom(db);
      const a = await draftAs(n, 'editor', { title: 'Lazy loading 測試稿' });
      await n.c.newsroom.workflow.move(a.id, 'publish', n.actors.editor, { version: 1 });
      await n.close();

      writeFileSync(join(dir, 'probe.mts'), PROBE);
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(dir, 'probe.mts'), dir, pathToFileURL(ROOT).href], { cwd: ROOT, timeout: 60_000 });
      const probe = JSON.parse(stdout.trim().split('\n').pop()!) as { article?: string; status: number; loaded: string[] };
      expect(probe.status, `article ${probe.article}`).toBe(200);
      // The probe must see packages at all, or an empty list would prove nothing.
      expect(probe.loaded.some((m) => m.includes('/node_modules/fastify/'))).toBe(true);
      expect(probe.loaded.some((m) => m.includes('/node_modules/preact/'))).toBe(true);
      const heavy = HEAVY.filter((p) => probe.loaded.some((m) => m.includes(`/node_modules/${p}/`)));
      expect(heavy).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
