import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './main.js';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'jd-conv-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function cli(argv: string[], stdin = '') {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdin: Readable.from([stdin]), out: (t) => (out += t), err: (t) => (err += t), env: {} });
  return { code, out, err };
}

describe('jiaodian convert', () => {
  it('converts stdin line by line, phrase by phrase', async () => {
    const data = tmp();
    const r = await cli(['convert', '--to', 'zh-Hant', '--data', data], '杂志\n哈萨克斯坦后来\n皇后\n');
    expect(r).toEqual({ code: 0, out: '雜誌\n哈薩克斯坦後來\n皇后\n', err: '' });
    expect((await cli(['convert', '--to', 'zh-TW', '--data', data], '软件和网络\n')).out).toBe('軟體和網路\n');
    expect((await cli(['convert', '--to', 'zh-TW', '--tw-vocabulary', 'characters', '--data', data], '软件\n')).out).toBe('軟件\n');
    expect((await cli(['convert', '--to', 'zh-Hans', '--data', data], '頭髮和雜誌\n')).out).toBe('头发和杂志\n');
    expect((await cli(['convert', '--to', 'zh-Hans', '--from', 'zh-TW', '--data', data], '軟體\n')).out).toBe('软件\n');
    // No site in the folder: the command does not create one.
    expect(existsSync(join(data, 'jiaodian.sqlite'))).toBe(false);
  });

  it('applies the site dictionary kept with the dictionary command', async () => {
    const data = tmp();
    expect((await cli(['dictionary', 'list', '--data', data])).out).toBe('The site dictionary is empty.\n');
    const add = await cli(['dictionary', 'add', '--match', '哈萨克斯坦,哈薩克斯坦', '--zh-TW', '哈薩克斯坦', '--note', '國名全稱', '--data', data]);
    expect(add).toMatchObject({ code: 0, out: 'Added term 1: 哈萨克斯坦,哈薩克斯坦\n' });
    expect((await cli(['convert', '--to', 'zh-TW', '--data', data], '哈萨克斯坦\n')).out).toBe('哈薩克斯坦\n');
    const list = JSON.parse((await cli(['dictionary', 'list', '--json', '--data', data])).out);
    expect(list.terms).toEqual([{ id: 1, match: ['哈萨克斯坦', '哈薩克斯坦'], outputs: { 'zh-TW': '哈薩克斯坦' }, note: '國名全稱' }]);
    expect((await cli(['dictionary', 'remove', '1', '--data', data])).code).toBe(0);
    expect((await cli(['convert', '--to', 'zh-TW', '--data', data], '哈萨克斯坦\n')).out).toBe('哈薩克\n');
    const gone = await cli(['dictionary', 'remove', '1', '--data', data]);
    expect(gone).toMatchObject({ code: 1, err: 'jiaodian: no dictionary term with id 1\n' });
  });

  it('answers bad arguments with one line and exit 2', async () => {
    for (const argv of [['convert'], ['convert', '--to', 'zh-CN'], ['convert', '--to', 'zh-TW', '--from', 'klingon'], ['dictionary'], ['dictionary', 'add'], ['dictionary', 'remove', 'x']]) {
      const r = await cli(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
    const empty = await cli(['dictionary', 'add', '--match', ',', '--data', tmp()]);
    expect(empty.code).toBe(1);
    expect(empty.err).toMatch(/match\.0: a term cannot be empty/);
  });
});
