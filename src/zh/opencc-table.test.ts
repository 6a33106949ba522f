import { Trie } from 'opencc-js/core';
import { describe, expect, it } from 'vitest';
import { DictTable } from './opencc-table.js';

// The table against opencc-js's own Trie on small dictionaries holding what the presets do not:
// keys with lone surrogates, a key in two dictionaries and twice in one, empty keys, extra words.
const GROUP = [
  'ab AB|abc ABC|a 1|\ud842 LONE-HIGH|\udfb7 LONE-LOW|x\ud842 XH|𠮷 JI|𠮷野 JIYE| EMPTY|b b1 b2|q Q1|q Q2',
  'a 2|abcd ABCD|c C|⿰ IDS-OP',
];
const TEXTS = [
  'abcdx\ud842\udfb7野abab',
  'x\ud842y \ud842 \udfb7 𠮷野𠮷 q b',
  '⿰氵a ⿱⿰aba c ⿰ ⿰a',
  'aaa\u0000bcd',
  '',
];

function trieOf(group: string[]): Trie {
  const t = new Trie();
  t.loadDictGroup(group);
  return t;
}

describe('DictTable', () => {
  const table = new DictTable(GROUP);
  const trie = trieOf(GROUP);

  it('converts like opencc-js: longest match, first dictionary wins, pairs never split', () => {
    for (const text of TEXTS) expect(table.convert(text, null, null)).toBe(trie.convert(text));
    expect(table.convert('abcd', null, null)).toBe('ABCD');
    expect(table.convert('a', null, null)).toBe('1');
    // The lone-high key matches a lone surrogate but not the first half of 𠮷.
    expect(table.convert('\ud842!𠮷', null, null)).toBe('LONE-HIGH!JI');
  });

  it('segments like opencc-js and converts segment by segment', () => {
    for (const text of TEXTS) {
      const ends = table.segmentEnds(text);
      const segments = trie.segment(text);
      expect(ends.map((end, k) => text.slice(k ? ends[k - 1] : 0, end))).toEqual(segments);
      // A second group over the segments must see each converted segment on its own.
      const outEnds: number[] = [];
      const converted = table.convert(text, ends, outEnds);
      expect(converted).toBe(segments.map((s) => trie.convert(s)).join(''));
      expect(outEnds.map((end, k) => converted.slice(k ? outEnds[k - 1] : 0, end))).toEqual(segments.map((s) => trie.convert(s)));
    }
  });

  it('segments and converts in one pass when the segmentation group rides on the table', () => {
    const phrases = 'ab AB|abc ABC|𠮷野 JIYE|⿰氵马 IDS|cd cd';
    const group = [phrases, 'a 1|b 2|c 3|𠮷 JI|野 YE|马 MA'];
    const both = new DictTable(group);
    const keys = both.segmentKeys([phrases])!;
    const segmentation = new DictTable([phrases]);
    const texts = [...TEXTS, 'abcabxab𠮷野𠮷cd⿰氵马⿰氵马马⿱', 'ccc\ud842ab', 'a'];
    for (const text of texts) {
      const ends = segmentation.segmentEnds(text);
      const want: number[] = [];
      const got: number[] = [];
      expect(both.convertSegmenting(text, keys, got)).toBe(both.convert(text, ends, want));
      expect(got).toEqual(want);
    }
    // Not when another key is longer than a code point, or the segmentation has a key of its own.
    expect(new DictTable([phrases, 'xy XY']).segmentKeys([phrases])).toBeNull();
    expect(new DictTable(['a 1']).segmentKeys(['ab AB'])).toBeNull();
    expect(new DictTable([phrases, '⿰ X']).segmentKeys([phrases])).toBeNull();
  });

  it('returns the text itself when nothing changes', () => {
    const text = 'zzz' + 'y'.repeat(10);
    expect(table.convert(text, null, null)).toBe(text);
    expect(new DictTable(['same same|s s']).convert('same s', null, null)).toBe('same s');
  });
});
