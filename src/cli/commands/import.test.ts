import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../config/index.js';
import { createContainer } from '../../container.js';
import { fixture, startSourceServer, type SourceServer } from '../../ingest/ingest.testkit.js';
import { runCli } from '../main.js';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'jd-import-cli-'));
  dirs.push(d);
  return d;
};
let s: SourceServer;
beforeAll(async () => {
  s = await startSourceServer();
});
afterAll(async () => {
  await s.close();
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

async function cli(argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdin: Readable.from(['']), out: (t) => (out += t), err: (t) => (err += t), env: { JIAODIAN_DEMO: 'off', JIAODIAN_LOG_LEVEL: 'silent' } });
  return { code, out, err };
}

/** A data folder with sections world and tech. */
async function site(): Promise<string> {
  const data = tmp();
  const c = await createContainer(testConfig({ data }));
  await c.sections.create({ slug: 'world', name: '國際' }, new Date().toISOString());
  await c.sections.create({ slug: 'tech', name: '科技' }, new Date().toISOString());
  await c.close();
  return data;
}

// Every CLI call boots a container (1–2 s on a loaded machine): generous timeouts.
describe('jiaodian import / export', { timeout: 120_000 }, () => {
  it('prints exactly the documented --json report, and nothing is written in a dry run', async () => {
    const data = await site();
    const feed = join(tmp(), 'feed.xml');
    writeFileSync(feed, fixture('feed.rss.xml', s.base));
    const dry = await cli(['import', 'rss', feed, '--section', 'world', '--dry-run', '--json', '--data', data]);
    expect(dry.code).toBe(0);
    expect(dry.err).toBe('');
    const report = JSON.parse(dry.out);
    expect(Object.keys(report)).toEqual(['items']);
    expect(report.items.map((i: { status: string }) => i.status)).toEqual(['imported', 'imported', 'skipped', 'failed']);
    for (const i of report.items) expect(Object.keys(i)).toEqual(['status', 'id', 'title', 'publishedAt', 'source', 'authors', 'tags', 'bodyHtml', 'removed', 'error']);
    expect(report.items[0].id).toBeNull();
    const exported = join(tmp(), 'empty.json');
    expect((await cli(['export', 'json', exported, '--data', data])).code).toBe(0);
    expect(JSON.parse(readFileSync(exported, 'utf8')).tables.articles).toEqual([]);

    const real = await cli(['import', 'rss', feed, '--section', 'world', '--map', '国际=world', '--data', data]);
    expect(real.code).toBe(0);
    expect(real.out).toBe('Imported 2, skipped 1, failed 1 of 4 items.\n');
    expect(real.err).toMatch(/100% {2}4\/4 items/);
    expect(real.err).toMatch(/failed: \(no title\) — the item has no title/);
  });

  it('exits 1 with one line for an unreadable source, and 2 for usage mistakes', async () => {
    const data = await site();
    const missing = await cli(['import', 'wxr', '/nonexistent/export.xml', '--data', data]);
    expect(missing.code).toBe(1);
    expect(missing.err).toBe('jiaodian: the file source could not be read: no file /nonexistent/export.xml\n');
    const broken = join(tmp(), 'broken.xml');
    writeFileSync(broken, '<rss><channel><item><title>x</title></channel>');
    const bad = await cli(['import', 'rss', broken, '--data', data]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^jiaodian: the feed source could not be read: not well-formed XML \(line 1: .*\)\n$/);
    const noSection = await cli(['import', 'rss', `${s.base}/feed.xml`, '--section', 'nope', '--data', data]);
    expect(noSection.err).toBe('jiaodian: some fields are not valid: section: no section with slug nope\n');
    // Every item failed (no section for any of them): exit 1 with the report.
    const allFailed = await cli(['import', 'html', `${s.base}/big5.html`, '--json', '--data', data]);
    expect(allFailed.code).toBe(1);
    expect(JSON.parse(allFailed.out).items[0].error).toMatch(/no section to put it in/);
    for (const argv of [['import'], ['import', 'pdf', 'x'], ['import', 'rss'], ['import', 'json', 'x', '--publish'], ['import', 'rss', 'a', '--map', 'nosign'], ['export', 'csv', 'x']]) {
      const r = await cli(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
  });

  it('backs up and restores through the CLI, and manages subscriptions', async () => {
    const data = await site();
    expect((await cli(['import', 'wxr', `${s.base}/export.xml`, '--section', 'world', '--publish', '--data', data])).code).toBe(0);
    const sub = await cli(['import', 'rss', `${s.base}/atom.xml`, '--subscribe', '--every', '15', '--section', 'world', '--data', data]);
    expect(sub.out).toMatch(/^Subscribed \(1\) to .*atom\.xml: the server polls it every 15 minutes\.\n$/);
    const backup = join(tmp(), 'backup.json');
    const exp = await cli(['export', 'json', backup, '--data', data]);
    expect(exp.out).toMatch(/^Backed up 3 articles, \d+ rows and \d+ media files to /);
    const other = tmp();
    const restored = await cli(['import', 'json', backup, '--json', '--data', other]);
    expect(restored.code).toBe(0);
    expect(JSON.parse(restored.out).items).toHaveLength(3);
    const again = join(tmp(), 'again.json');
    await cli(['export', 'json', again, '--data', other]);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(backup, 'utf8'));
    const list = await cli(['import', 'rss', '--subscriptions', '--json', '--data', other]);
    expect(JSON.parse(list.out).subscriptions).toMatchObject([{ id: 1, everyMinutes: 15, section: 'world' }]);
    expect((await cli(['import', 'rss', '--unsubscribe', '1', '--data', other])).out).toBe('Removed subscription 1.\n');
    expect((await cli(['import', 'rss', '--unsubscribe', '1', '--data', other])).err).toBe('jiaodian: no feed subscription 1\n');
  });
});
