import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/index.js';
import { createContainer } from '../../container.js';
import { beacon, sid } from '../../recommend/views.testkit.js';
import { runCli } from '../main.js';

async function cli(argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdin: Readable.from(['']), out: (t) => (out += t), err: (t) => (err += t), env: {} });
  return { code, out, err };
}

describe('jiaodian views top', () => {
  let data: string;
  beforeAll(async () => {
    data = mkdtempSync(join(tmpdir(), 'jd-views-cli-'));
    // A site with two read articles; the container's close writes the buffered views.
    const c = await createContainer(loadConfig({ data, demo: 'off', 'log-level': 'silent' }, {}));
    await c.sections.create({ slug: 'tech', name: '科技', position: 1 }, new Date().toISOString());
    const a = await c.articles.create({ title: '晶片新品發布', section: 'tech', status: 'published', bodyHtml: '<p>正文</p>' });
    const b = await c.articles.create({ title: '電池技術突破', section: 'tech', status: 'published', bodyHtml: '<p>正文</p>' });
    await c.views.ingest.refreshKnown();
    for (let i = 0; i < 3; i++) c.views.ingest.record(beacon(b.id, sid(i + 1), `192.0.2.${i + 1}`));
    c.views.ingest.record(beacon(a.id, sid(9), '192.0.2.9'));
    await c.close();
  });
  afterAll(() => rmSync(data, { recursive: true, force: true }));

  it('lists the most read articles, most views first', async () => {
    const r = await cli(['views', 'top', '--days', '1', '--data', data]);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n').filter(Boolean);
    expect(lines[0]).toMatch(/^\s+3\s+\d+\s+電池技術突破\s+\/tech\//);
    expect(lines[1]).toMatch(/^\s+1\s+\d+\s+晶片新品發布/);
    const json = JSON.parse((await cli(['views', 'top', '--json', '--data', data])).out) as { articles: Array<{ title: string; views: number }> };
    expect(json.articles.map((x) => [x.title, x.views])).toEqual([
      ['電池技術突破', 3],
      ['晶片新品發布', 1],
    ]);
  });

  it('refuses bad usage with one line and exit code 2', async () => {
    for (const argv of [['views'], ['views', 'bottom'], ['views', 'top', '--days', '9'], ['views', 'top', '--days', 'x'], ['views', 'top', '--limit', '0']]) {
      const r = await cli([...argv, '--data', data]);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toMatch(/^jiaodian: .+\n$/);
    }
  });
});
