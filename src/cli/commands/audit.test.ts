import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../config/index.js';
import { createContainer } from '../../container.js';
import { isAppError } from '../../errors/index.js';
import { cleanArticles } from '../../guard/testdata/clean-articles.js';
import { spamBodies } from '../../guard/testdata/spam-bodies.js';
import { parseCommandArgs, type Command } from '../args.js';
import { auditCommand } from './audit.js';
import { buildCommand } from './build.js';

/** Runs a command as the CLI does (usage errors exit 2) and captures its output. */
async function run(cmd: Command, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io = { stdin: new PassThrough(), out: (t: string) => void (out += t), err: (t: string) => void (err += t), env: {} };
  try {
    return { code: await cmd.run(parseCommandArgs(cmd, argv), io), out, err };
  } catch (e) {
    return { code: isAppError(e, 'JD_ERR_CLI_USAGE') ? 2 : 1, out, err: err + String((e as Error).message) };
  }
}

describe('jiaodian audit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jd-audit-'));
  const data = join(dir, 'data');
  const files = { clean: join(dir, 'clean.html'), spam: join(dir, 'spam.html') };

  beforeAll(async () => {
    writeFileSync(files.clean, cleanArticles[0]!.html);
    writeFileSync(files.spam, spamBodies[0]!.html);
    // A small site: the clean corpus published, one article with markup in its plain fields.
    const c = await createContainer(testConfig({ data }));
    try {
      await c.sections.create({ slug: 'world', name: '國際', position: 1 }, new Date().toISOString());
      for (const a of cleanArticles.slice(0, 6)) await c.articles.create({ title: `乾淨 ${a.id}`, section: 'world', bodyHtml: a.html, status: 'published' });
      const bad = await c.articles.create({ title: '標題<img src=x onerror=alert(1)>', section: 'world', bodyHtml: '<p>正文</p>', status: 'draft', source: { name: '來源', url: 'https://example.com/' } });
      // A body written around the policy (straight into the database) and a javascript: source URL.
      await c.db.kysely.updateTable('articles').set({ body_html: '<p onclick="x()">舊資料</p>', source_url: 'javascript:alert(1)' }).where('id', '=', bad.id).execute();
      await c.tags.ensure(['<b>粗體標籤</b>'], new Date().toISOString());
      await c.db.kysely.insertInto('site_settings').values({ key: 'siteDescription', value: JSON.stringify('新聞<script>x()</script>'), updated_at: new Date().toISOString(), updated_by: null }).execute();
    } finally {
      await c.close();
    }
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('audits files: exit 0 when clean, 1 and one line per flagged target otherwise', async () => {
    const clean = await run(auditCommand, [files.clean]);
    expect(clean).toMatchObject({ code: 0, out: '' });
    expect(clean.err).toMatch(/all clean/);
    const mixed = await run(auditCommand, [files.clean, files.spam]);
    expect(mixed.code).toBe(1);
    expect(mixed.out.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^${files.spam.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: flagged: hidden-block at div\\[1\\]`))]);
  });

  it('prints the contract JSON with --json', async () => {
    const res = await run(auditCommand, [files.clean, files.spam, '--json']);
    expect(res.code).toBe(1);
    const doc = JSON.parse(res.out) as { results: Array<{ target: string; verdict: string; findings: Array<Record<string, string>> }> };
    expect(doc.results.map((r) => [r.target, r.verdict])).toEqual([
      [files.clean, 'clean'],
      [files.spam, 'flagged'],
    ]);
    expect(Object.keys(doc.results[1]!.findings[0]!).sort()).toEqual(['location', 'reason', 'rule']);
  });

  it('says what is wrong with its arguments and exits 2', async () => {
    expect((await run(auditCommand, [])).code).toBe(2);
    expect((await run(auditCommand, [join(dir, 'missing.html')])).err).toMatch(/cannot read .*missing\.html/);
    expect((await run(auditCommand, ['--dir', files.clean])).code).toBe(2);
    expect((await run(auditCommand, ['--bogus'])).code).toBe(2);
  });

  it('audits the database: bodies, plain-text fields and URLs', async () => {
    const res = await run(auditCommand, ['--db', '--data', data, '--json']);
    expect(res.code).toBe(1);
    const doc = JSON.parse(res.out) as { results: Array<{ target: string; verdict: string; findings: Array<{ rule: string; location: string }> }> };
    const flagged = doc.results.filter((r) => r.verdict === 'flagged');
    const bad = flagged.find((r) => r.target.startsWith('article:'));
    expect(bad?.findings.map((f) => f.rule).sort()).toEqual(['event-handler', 'markup-in-text', 'unsafe-url', 'unsanitized-body']);
    expect(doc.results.filter((r) => r.target.startsWith('article:') && r.verdict === 'clean')).toHaveLength(6);
    expect(doc.results.some((r) => r.target === 'section:world' && r.verdict === 'clean')).toBe(true);
    expect(flagged.filter((r) => r.target.startsWith('tag:')).map((r) => r.findings[0]!.rule)).toEqual(['markup-in-text']);
    expect(flagged.find((r) => r.target === 'setting:siteDescription')?.findings[0]).toMatchObject({ rule: 'markup-in-text', location: expect.stringContaining('<script>') });
  });

  it('audits a static export: the site’s own pages come out clean, an injected page does not', async () => {
    const out = join(dir, 'site');
    const built = await run(buildCommand, ['--out', out, '--data', data]);
    expect(built.code, built.err).toBe(0);
    const res = await run(auditCommand, ['--dir', out, '--data', data, '--json']);
    const doc = JSON.parse(res.out) as { results: Array<{ target: string; verdict: string; findings: unknown[] }> };
    expect(doc.results.length).toBeGreaterThan(10);
    expect(doc.results.filter((r) => r.verdict === 'flagged')).toEqual([]);
    expect(res.code).toBe(0);

    writeFileSync(join(out, 'injected.html'), '<!doctype html><html><head><script>if(document.referrer)location.href="https://bet.example/"</script></head><body><p>x</p></body></html>');
    const again = await run(auditCommand, ['--dir', out, '--data', data]);
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/^injected\.html: flagged: script at head\[1\] > script\[1\].*cloaking-redirect/m);
  }, 60_000);
});
