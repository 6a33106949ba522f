import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './main.js';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'jd-search-cli-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function cli(argv: string[], stdin = '', env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdin: Readable.from([stdin]), out: (t) => (out += t), err: (t) => (err += t), env });
  return { code, out, err };
}

const ARTICLE = '颱風逼近台灣，氣象局今晚發布海上颱風警報。颱風預計明天清晨登陸，漁船已經回港避風，沿海居民做好防颱準備。';

describe('search commands', () => {
  it('prints keywords of stdin without creating a site where there is none', { timeout: 120_000 }, async () => {
    const empty = tmp();
    const r = await cli(['keywords', '--top', '3', '--data', empty], ARTICLE);
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n')).toHaveLength(3);
    expect(r.out).toContain('台风');
    expect(readdirSync(empty)).toEqual([]);
    expect((await cli(['keywords', '--data', empty], '<p>颱風</p>')).out).toBe('台风\n');
    expect((await cli(['keywords', '--data', empty], '')).out).toBe('');
    for (const top of ['0', 'x', '1001']) {
      const bad = await cli(['keywords', '--top', top, '--data', empty], ARTICLE);
      expect(bad.code, top).toBe(2);
      expect(bad.err).toMatch(/^jiaodian: --top must be/);
    }
  });

  it('rebuilds the index with progress, manages editors’ words and uses the site for keywords', async () => {
    const data = tmp();
    expect((await cli(['demo', '--data', data])).code).toBe(0);
    const re = await cli(['reindex', '--data', data], '', { JIAODIAN_PROGRESS: 'lines' });
    expect(re.code).toBe(0);
    expect(re.out).toMatch(/^Indexed (\d+) articles \(\1 published\) in [\d.]+ s, \d+ articles\/s\. Keyword statistics now cover \d+ words\.\n$/);
    expect(re.err).toMatch(/^0%  0\/\d+ articles/);
    expect(re.err).toMatch(/100%  (\d+)\/\1 articles/);
    expect(re.err).not.toContain('\r');
    const bar = await cli(['reindex', '--data', data], '', { JIAODIAN_PROGRESS: 'bar' });
    expect(bar.err).toMatch(/^\r\[[#-]+\] /);

    expect((await cli(['words', 'list', '--data', data])).out).toMatch(/No editors’ words yet/);
    const add = await cli(['words', 'add', '鯨灣數碼', '焰鋒隊', '--data', data]);
    expect(add.code).toBe(0);
    expect(add.out).toMatch(/^Added 鯨灣數碼, 焰鋒隊\. .*jiaodian reindex/);
    expect((await cli(['words', 'add', '焰鋒隊', '--data', data])).out).toMatch(/already listed/);
    expect(JSON.parse((await cli(['words', 'list', '--json', '--data', data])).out).words.map((w: { word: string }) => w.word)).toEqual(['焰鋒隊', '鯨灣數碼']);
    expect((await cli(['words', 'remove', '焰鋒隊', '--data', data])).out).toMatch(/^Removed 焰鋒隊\./);
    const missing = await cli(['words', 'remove', '焰鋒隊', '--data', data]);
    expect(missing.code).toBe(1);
    expect(missing.err).toBe('jiaodian: no editor word 焰鋒隊 (see jiaodian words list)\n');
    for (const argv of [['words'], ['words', 'add'], ['words', 'remove'], ['words', 'remove', 'a', 'b'], ['words', 'list', 'x']]) {
      expect((await cli([...argv, '--data', data])).code, argv.join(' ')).toBe(2);
    }
    const invalid = await cli(['words', 'add', '!!!', '--data', data]);
    expect(invalid.code).toBe(1);
    expect(invalid.err).toMatch(/words\.0: a word needs a letter or digit/);

    const kw = await cli(['keywords', '--top', '5', '--data', data], `鯨灣數碼今天宣布新服務。${ARTICLE}`);
    expect(kw.code).toBe(0);
    expect(kw.out.split('\n')).toContain('鲸湾数码');
    // Each command opens the site anew (dictionaries, jieba): a dozen of them on a busy machine.
  }, 180_000);

  it('lists the new commands in help', async () => {
    const help = await cli(['--help']);
    for (const name of ['keywords', 'words', 'reindex']) {
      expect(help.out).toContain(name);
      expect((await cli([name, '--help'])).out).toContain(`Usage: jiaodian ${name}`);
    }
  });
});
