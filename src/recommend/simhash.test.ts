import { describe, expect, it } from 'vitest';
import { htmlToText } from '../guard/sanitize.js';
import { Segmenter } from '../zh/segment.js';
import { readCorpus } from './related-corpus.testkit.js';
import { hamming, NEAR_DUPLICATE_BITS, simhash } from './simhash.js';

describe('simhash', () => {
  const seg = new Segmenter();
  const story =
    '中央銀行理事會今天決議升息半碼，重貼現率調高到百分之二點一二五，這是今年第二度升息。央行總裁表示，國內通膨率連續數月高於百分之二，房租與外食價格居高不下。';

  it('is 16 hex digits, deterministic, and all zeros for no words', () => {
    const a = simhash(seg.words(story));
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(simhash(seg.words(story))).toBe(a);
    expect(simhash([])).toBe('0000000000000000');
    expect(simhash(['孤单'])).toMatch(/^[0-9a-f]{16}$/);
  });

  it('counts differing bits', () => {
    expect(hamming('0000000000000000', '0000000000000000')).toBe(0);
    expect(hamming('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(hamming('8000000000000001', '0000000000000000')).toBe(2);
    expect(hamming('00000000f0000000', '0000000000000000')).toBe(4);
  });

  it('gives the same fingerprint to the same story in either script (normalized words)', () => {
    const simplified = '中央银行理事会今天决议升息半码，重贴现率调高到百分之二点一二五，这是今年第二度升息。央行总裁表示，国内通膨率连续数月高于百分之二，房租与外食价格居高不下。';
    expect(hamming(simhash(seg.words(story)), simhash(seg.words(simplified)))).toBe(0);
  });

  it('separates the evaluation corpus: wire copies within the threshold, different stories well beyond it', () => {
    const corpus = readCorpus();
    const print = new Map(corpus.map((a) => [a.key, simhash(seg.words(`${a.title}\n${htmlToText(a.bodyHtml)}`))]));
    const copies = corpus.filter((a) => a.dupOf);
    for (const c of copies) expect(hamming(print.get(c.key)!, print.get(c.dupOf!)!), c.key).toBeLessThanOrEqual(NEAR_DUPLICATE_BITS);
    let closest = 64;
    for (const a of corpus) {
      for (const b of corpus) {
        if (a.key >= b.key || a.dupOf === b.key || b.dupOf === a.key) continue;
        closest = Math.min(closest, hamming(print.get(a.key)!, print.get(b.key)!));
      }
    }
    // The margin the threshold was tuned with (see NEAR_DUPLICATE_BITS).
    expect(closest).toBeGreaterThanOrEqual(NEAR_DUPLICATE_BITS + 5);
  });
});
