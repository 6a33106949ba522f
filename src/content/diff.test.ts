import { describe, expect, it } from 'vitest';
import { bodyLines, diffBodies, diffSequences, diffWords, words, type DiffRun } from './diff.js';

/** Applies a diff to its old side; it must give the new side. */
function apply<T>(runs: ReadonlyArray<DiffRun<T>>): { a: T[]; b: T[] } {
  const a: T[] = [];
  const b: T[] = [];
  for (const r of runs) {
    if (r.op !== 'insert') a.push(...r.items);
    if (r.op !== 'delete') b.push(...r.items);
  }
  return { a, b };
}

const editCount = <T>(runs: ReadonlyArray<DiffRun<T>>) => runs.filter((r) => r.op !== 'equal').reduce((n, r) => n + r.items.length, 0);

describe('diffSequences (Myers)', () => {
  it('finds the shortest edit script of the classic example', () => {
    const runs = diffSequences([...'ABCABBA'], [...'CBABAC']);
    expect(apply(runs)).toEqual({ a: [...'ABCABBA'], b: [...'CBABAC'] });
    expect(editCount(runs)).toBe(5);
  });

  it('handles empty, equal and disjoint inputs', () => {
    expect(diffSequences([], [])).toEqual([]);
    expect(diffSequences(['a'], ['a'])).toEqual([{ op: 'equal', items: ['a'] }]);
    expect(diffSequences([], ['x'])).toEqual([{ op: 'insert', items: ['x'] }]);
    expect(diffSequences(['x'], [])).toEqual([{ op: 'delete', items: ['x'] }]);
    expect(apply(diffSequences([...'abc'], [...'xyz']))).toEqual({ a: [...'abc'], b: [...'xyz'] });
  });

  it('is a correct and minimal diff on random inputs (checked against LCS)', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const lcs = (a: string[], b: string[]) => {
      const t = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
      for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) t[i]![j] = a[i - 1] === b[j - 1] ? t[i - 1]![j - 1]! + 1 : Math.max(t[i - 1]![j]!, t[i]![j - 1]!);
      return t[a.length]![b.length]!;
    };
    for (let round = 0; round < 200; round++) {
      const a = Array.from({ length: Math.floor(rnd() * 30) }, () => 'abcd'[Math.floor(rnd() * 4)]!);
      const b = Array.from({ length: Math.floor(rnd() * 30) }, () => 'abcd'[Math.floor(rnd() * 4)]!);
      const runs = diffSequences(a, b);
      expect(apply(runs)).toEqual({ a, b });
      expect(editCount(runs)).toBe(a.length + b.length - 2 * lcs(a, b));
    }
  });

  it('stays bounded on very different long inputs', () => {
    const a = Array.from({ length: 20_000 }, (_, i) => `a${i}`);
    const b = Array.from({ length: 20_000 }, (_, i) => `b${i}`);
    const started = Date.now();
    const runs = diffSequences(a, b, 500);
    expect(apply(runs)).toEqual({ a, b });
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('word and body diffs', () => {
  it('splits Chinese into characters and keeps Latin words whole', () => {
    expect(words('颱風Typhoon 2號')).toEqual(['颱', '風', 'Typhoon', ' ', '2', '號']);
  });

  it('marks the changed characters of a Chinese sentence', () => {
    expect(diffWords('颱風今晚登陸', '颱風明晨登陸')).toEqual([
      { op: 'equal', text: '颱風' },
      { op: 'delete', text: '今晚' },
      { op: 'insert', text: '明晨' },
      { op: 'equal', text: '登陸' },
    ]);
  });

  it('diffs bodies paragraph by paragraph with context cut', () => {
    expect(bodyLines('<p>一</p><p>二</p>')).toEqual(['<p>一</p>', '<p>二</p>']);
    const before = ['甲', '乙', '丙', '丁', '戊', '己', '庚'].map((t) => `<p>${t}</p>`).join('');
    const after = before.replace('<p>丁</p>', '<p>丁丁</p>') + '<p>新段</p>';
    const d = diffBodies(before, after, 1);
    expect(d.changed).toBe(true);
    expect(d.stats).toEqual({ added: 1, removed: 0, changed: 1 });
    expect(d.lines[0]).toEqual({ op: 'skip', lines: 2 });
    expect(d.lines).toContainEqual({ op: 'change', before: '<p>丁</p>', after: '<p>丁丁</p>', words: expect.any(Array) });
    expect(d.lines[d.lines.length - 1]).toEqual({ op: 'insert', text: '<p>新段</p>' });
    expect(diffBodies(before, before).changed).toBe(false);
  });
});
