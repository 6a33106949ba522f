import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { openccPair, type TaiwanVocabulary } from './convert.js';
import { openccConverter, openccTableCount, type OpenccLocale } from './opencc-engine.js';
import type { Variant } from './variants.js';

// Differential test: the engine must give exactly opencc-js's output for every pair the site
// can ask for, on every dictionary key and value (alone and inside a sentence) and on random
// text built from the dictionaries' characters, ASCII, NUL, Ext-B and lone surrogates.

const VARIANTS: Variant[] = ['zh-Hans', 'zh-Hant', 'zh-TW', 'zh-HK'];
const VOCABULARIES: TaiwanVocabulary[] = ['taiwan', 'characters'];
const PAIRS = [
  ...new Set(VOCABULARIES.flatMap((v) => VARIANTS.flatMap((from) => VARIANTS.map((to) => openccPair(from, to, v)?.join('>') ?? '')))),
]
  .filter(Boolean)
  .map((p) => p.split('>') as [OpenccLocale, OpenccLocale]);

const dicts = new Set<string>();
collect(OpenCC.Locale, dicts);
const keys = [...dicts].flatMap((d) => d.split('|').map((line) => line.split(' ')[0]!));
const words = [...dicts].flatMap((d) => d.split('|').flatMap((line) => line.split(' ').slice(0, 2)));
const chars = [...new Set(words.flatMap((w) => [...w]))];

describe('openccConverter against opencc-js', () => {
  it('covers the 14 pairs the site uses and every preset dictionary', () => {
    expect(PAIRS).toHaveLength(14);
    expect(dicts.size).toBeGreaterThanOrEqual(20);
    expect(keys.length).toBeGreaterThan(60_000);
  });

  for (const [from, to] of PAIRS) {
    it(`${from} → ${to}: same output on every dictionary key and value and on random text`, () => {
      const theirs = reference(from, to);
      const ours = openccConverter(from, to);
      const texts: string[] = [];
      // Words in long texts: NUL between them cuts nothing (no key holds it); in the other two,
      // neighbouring words and the sentence glue let phrases overlap and segments meet.
      for (let i = 0; i < words.length; i += 500) {
        const some = words.slice(i, i + 500);
        texts.push(some.join('\u0000'), some.map((w) => `我们${w}的${w}了`).join(''), some.join(''));
      }
      const rng = mulberry32(from.length * 31 + to.length + from.charCodeAt(0) * 7 + to.charCodeAt(0));
      for (let n = 0; n < 300; n++) texts.push(randomText(rng, 200));
      for (const text of texts) if (ours(text) !== theirs(text)) expect(ours(text)).toBe(theirs(text));
      // Each key alone: in a longer text a neighbour can hide a key's own mismatch.
      const mismatched = keys.filter((w) => ours(w) !== theirs(w));
      expect(mismatched).toEqual([]);
    });
  }

  it('gives the same output when one text goes through every pair in turn', () => {
    // s2tw, s2twp and s2hk share their first steps and remember recent texts.
    const theirs = PAIRS.map(([from, to]) => reference(from, to));
    const ours = PAIRS.map(([from, to]) => openccConverter(from, to));
    const rng = mulberry32(99);
    const texts = Array.from({ length: 40 }, (_, n) => (n % 2 ? randomText(rng, 400) : words.slice(n * 3000, n * 3000 + 200).join('')));
    for (const text of texts) for (let p = 0; p < PAIRS.length; p++) for (const q of [p, (p + 5) % PAIRS.length]) expect(ours[q]!(text)).toBe(theirs[q]!(text));
  });

  it('shares dictionary groups between pairs', () => {
    for (const [from, to] of PAIRS) openccConverter(from, to);
    // 8 conversion groups (s2t, s2tw, s2twp and s2hk share their first), the normalization
    // group and TSPhrases for tw2s's segmentation (s2*'s rides on their first group's table).
    expect(openccTableCount()).toBe(10);
    expect(openccConverter('cn', 't')).toBe(openccConverter('cn', 't'));
  });

  it('keeps text without convertible characters as it is', () => {
    const text = 'Hello, world! 2026 \u0000\ud800 x';
    for (const [from, to] of PAIRS) expect(openccConverter(from, to)(text)).toBe(text);
  });

  it('cuts conversion at OpenCC segments and never splits a surrogate pair', () => {
    // s2twp converts each segment of STPhrases on its own: TWPhrases cannot join two segments.
    expect(openccConverter('cn', 'twp')('软件和网络')).toBe('軟體和網路');
    expect(openccConverter('cn', 't')('𠮷头发\ud842')).toBe(reference('cn', 't')('𠮷头发\ud842'));
  });
});

const references = new Map<string, (text: string) => string>();

/** opencc-js's converter for a pair, built once: building s2* tries takes opencc-js ~100 ms. */
function reference(from: OpenccLocale, to: OpenccLocale): (text: string) => string {
  const key = `${from}>${to}`;
  const made = references.get(key) ?? OpenCC.Converter({ from, to });
  references.set(key, made);
  return made;
}

function randomText(rng: () => number, length: number): string {
  let s = '';
  while (s.length < length) {
    const r = rng();
    if (r < 0.6) s += chars[Math.floor(rng() * chars.length)];
    else if (r < 0.75) s += words[Math.floor(rng() * words.length)];
    else if (r < 0.85) s += String.fromCharCode(32 + Math.floor(rng() * 95));
    else if (r < 0.88) s += '\u0000';
    else if (r < 0.92) s += String.fromCodePoint(0x20000 + Math.floor(rng() * 0xa6e0));
    else if (r < 0.95) s += String.fromCharCode(0xd800 + Math.floor(rng() * 0x800));
    else s += String.fromCharCode(0x2ff0 + Math.floor(rng() * 16));
  }
  return s;
}

function collect(x: unknown, into: Set<string>): void {
  if (typeof x === 'string') into.add(x);
  else if (Array.isArray(x)) for (const y of x) collect(y, into);
  else if (x && typeof x === 'object') for (const y of Object.values(x)) collect(y, into);
}

function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
