import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { createContainer } from '../../src/container.js';
import { SQLITE_FILE } from '../../src/db/index.js';
import { startServe, type ServerProcess } from '../multiprocess/servers.js';

// Crash safety on SQLite: a burst of 500 create+publish pairs over the admin API, the server
// SIGKILLed in the middle, restarted on the same folder. Every write the client saw
// acknowledged (2xx) must be there and complete, nothing may be half-written, and SQLite's
// integrity check must pass.

const TOTAL = 500;
const CONCURRENCY = 16;
/** Kill once this many publishes were acknowledged: well inside the burst. */
const KILL_AFTER = 120;

interface Sent {
  readonly n: number;
  created?: { id: number; version: number };
  published?: boolean;
}

const titleOf = (n: number) => `崩潰測試第${n}篇`;
const bodyOf = (n: number) => `<p>第${n}篇的正文：中央氣象署表示，颱風暴風圈今晚接觸東部陸地，各地應嚴加戒備。</p><p>花東地區停班停課，請留意最新公告。結尾 ${n}</p>`;
const tagsOf = (n: number) => [`crash-${n % 7}`, `batch-${Math.floor(n / 100)}`];

describe('a server SIGKILLed during a burst of publishes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jd-crash-'));
  let server: ServerProcess | undefined;
  afterAll(async () => {
    if (server?.child.exitCode === null) server.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged write, half-writes none, and passes integrity_check', async () => {
    // A newsroom with a section and an editor's token, made before the server starts.
    const setup = await createContainer(loadConfig({ data: dir, 'log-level': 'silent' }, {}));
    await setup.sections.create({ slug: 'world', name: '國際', position: 1 }, new Date().toISOString());
    const editor = await setup.users.add({ email: 'crash@example.com', name: '編輯', slug: 'crash-editor', role: 'editor', password: 'correct horse battery' });
    const token = (await setup.auth.tokens.create({ name: 'crash', role: 'editor' }, undefined, editor.id)).secret;
    await setup.close();

    const env = { JIAODIAN_DATA_DIR: dir, JIAODIAN_LOG_LEVEL: 'silent' };
    server = await startServe(env);
    const url = server.url;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const sent: Sent[] = Array.from({ length: TOTAL }, (_, n) => ({ n }));
    let acknowledgedPublishes = 0;
    let killed = false;
    const statuses: Record<string, number> = {};
    const count = (what: string, status: number) => void (statuses[`${what} ${status}`] = (statuses[`${what} ${status}`] ?? 0) + 1);

    const one = async (s: Sent): Promise<void> => {
      const created = await fetch(`${url}/api/v1/admin/articles`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ title: titleOf(s.n), section: 'world', bodyHtml: bodyOf(s.n), tags: tagsOf(s.n), summary: `摘要${s.n}` }),
      });
      count('create', created.status);
      if (created.status !== 201) return;
      const a = ((await created.json()) as { article: { id: number; version: number } }).article;
      s.created = { id: a.id, version: a.version };
      const published = await fetch(`${url}/api/v1/admin/articles/${a.id}/publish`, { method: 'POST', headers, body: JSON.stringify({ version: a.version }) });
      count('publish', published.status);
      if (published.status !== 200) return;
      await published.json();
      s.published = true;
      if (++acknowledgedPublishes === KILL_AFTER && !killed) {
        killed = true;
        server!.child.kill('SIGKILL');
      }
    };
    let next = 0;
    const worker = async () => {
      while (next < TOTAL) {
        const s = sent[next++]!;
        // After the kill, requests fail to connect: those writes were never acknowledged.
        await one(s).catch(() => {});
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    expect(killed, JSON.stringify(statuses)).toBe(true);
    await new Promise((r) => (server!.child.exitCode === null && server!.child.signalCode === null ? server!.child.once('exit', r) : r(undefined)));

    // The same folder, a new process: it must open (WAL recovery) and serve what was acknowledged.
    server = await startServe(env);
    const acked = sent.filter((s) => s.created);
    expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(acked.length).toBeLessThan(TOTAL);
    const restarted = server;
    const check = async (s: Sent) => {
      const res = await fetch(`${restarted.url}/api/v1/admin/articles/${s.created!.id}`, { headers });
      expect(res.status, `article ${s.created!.id}`).toBe(200);
      const a = ((await res.json()) as { article: { title: string; bodyHtml: string; status: string; tags: Array<{ slug: string; name: string }> } }).article;
      expect(a.title).toBe(titleOf(s.n));
      expect(a.bodyHtml).toBe(bodyOf(s.n));
      expect(a.tags.map((t) => t.name).sort()).toEqual(tagsOf(s.n).sort());
      if (s.published) expect(a.status).toBe('published');
    };
    for (let i = 0; i < acked.length; i += CONCURRENCY) await Promise.all(acked.slice(i, i + CONCURRENCY).map(check));
    console.log(`crash test: ${acked.length} creates and ${acked.filter((s) => s.published).length} publishes acknowledged of ${TOTAL} before SIGKILL; all present after restart`);
    await server.stop();

    // Straight from the file: SQLite's own check, and every row (acknowledged or not) whole.
    const db = new Database(join(dir, SQLITE_FILE), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      const rows = db.prepare('SELECT id, title, body_html, status, published_at, version FROM articles').all() as Array<{ id: number; title: string; body_html: string; status: string; published_at: string | null; version: number }>;
      const tagRows = db.prepare('SELECT at.article_id AS id, t.name AS name FROM article_tags at JOIN tags t ON t.id = at.tag_id').all() as Array<{ id: number; name: string }>;
      const revisions = db.prepare('SELECT article_id AS id, MAX(version) AS v FROM article_revisions GROUP BY article_id').all() as Array<{ id: number; v: number }>;
      for (const row of rows) {
        const n = Number(/第(\d+)篇/.exec(row.title)?.[1]);
        expect(row.title).toBe(titleOf(n));
        expect(row.body_html).toBe(bodyOf(n));
        expect(tagRows.filter((t) => t.id === row.id).map((t) => t.name).sort()).toEqual(tagsOf(n).sort());
        // Status and its time and revisions move together, in one transaction.
        expect(row.status === 'published').toBe(row.published_at !== null);
        expect(revisions.find((r) => r.id === row.id)?.v).toBe(row.version);
      }
      expect(rows.length).toBeGreaterThanOrEqual(acked.length);
    } finally {
      db.close();
    }
  }, 150_000);
});
