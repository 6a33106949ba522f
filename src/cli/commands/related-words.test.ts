import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/index.js';
import { createContainer } from '../../container.js';
import { runCli } from '../main.js';

async function cli(argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdin: Readable.from(['']), out: (t) => (out += t), err: (t) => (err += t), env: { JIAODIAN_LOG_LEVEL: 'silent' } });
  return { code, out, err };
}

describe('jiaodian related-words', () => {
  const data = mkdtempSync(join(tmpdir(), 'jd-related-words-'));
  let id = 0;
  beforeAll(async () => {
    const c = await createContainer(loadConfig({ data, demo: 'off', 'log-level': 'silent' }, {}));
    try {
      await c.sections.create({ slug: 'society', name: '社會', position: 1 }, '2026-08-01T00:00:00.000Z');
      id = (await c.articles.create({ title: '颱風逼近 北部停班停課', section: 'society', status: 'published', bodyHtml: '<p>颱風帶來豪雨，北部縣市宣布停班停課。</p>' })).id;
    } finally {
      await c.close();
    }
  }, 60_000);
  afterAll(() => rmSync(data, { recursive: true, force: true }));

  it('pins, hides, lists and undoes words of an article', async () => {
    expect((await cli(['related-words', 'pin', String(id), '颱風', '--data', data])).out).toBe(`Pinned "颱風" on article ${id}.\n`);
    expect((await cli(['related-words', 'hide', String(id), '豪雨', '--data', data])).code).toBe(0);
    const list = await cli(['related-words', 'list', String(id), '--json', '--data', data]);
    expect(JSON.parse(list.out).overrides.map((o: { label: string; action: string }) => `${o.action}:${o.label}`)).toEqual(['pin:颱風', 'hide:豪雨']);
    expect((await cli(['related-words', 'unpin', String(id), '台风', '--data', data])).code).toBe(0);
    expect((await cli(['related-words', 'list', String(id), '--data', data])).out).toBe('hide\t豪雨\n');
  });

  it('answers mistakes with one line and a non-zero exit', async () => {
    for (const [argv, code] of [
      [['related-words'], 2],
      [['related-words', 'pin', 'abc', '颱風'], 2],
      [['related-words', 'pin', String(id)], 2],
      [['related-words', 'list', String(id), 'extra'], 2],
      [['related-words', 'unpin', String(id), '從未釘選', '--data', data], 1],
      [['related-words', 'pin', '99999', '颱風', '--data', data], 1],
    ] as const) {
      const r = await cli([...argv]);
      expect(r.code, argv.join(' ')).toBe(code);
      expect(r.err.trim().split('\n'), argv.join(' ')).toHaveLength(1);
    }
  });
});
