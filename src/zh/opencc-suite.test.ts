import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as OpenCC from 'opencc-js';
import { afterAll, describe, expect, it } from 'vitest';
import { ScriptConverter, type TaiwanVocabulary } from './convert.js';
import type { Variant } from './variants.js';

// OpenCC's own test suite, run through the site's pipeline (empty site dictionary) and through
// opencc-js directly. The pipeline must pass every case opencc-js passes.
const SUITE = fileURLToPath(new URL('../../../shared/reference/opencc/testcases.json', import.meta.url));

/** How each OpenCC configuration maps onto `jiaodian convert --from F --to V`. */
const MAPPING: Record<string, { from: Variant; to: Variant; vocabulary: TaiwanVocabulary; direct: [string, string] }> = {
  s2t: { from: 'zh-Hans', to: 'zh-Hant', vocabulary: 'taiwan', direct: ['cn', 't'] },
  s2tw: { from: 'zh-Hans', to: 'zh-TW', vocabulary: 'characters', direct: ['cn', 'tw'] },
  s2twp: { from: 'zh-Hans', to: 'zh-TW', vocabulary: 'taiwan', direct: ['cn', 'twp'] },
  s2hk: { from: 'zh-Hans', to: 'zh-HK', vocabulary: 'taiwan', direct: ['cn', 'hk'] },
  t2s: { from: 'zh-Hant', to: 'zh-Hans', vocabulary: 'taiwan', direct: ['t', 'cn'] },
  t2tw: { from: 'zh-Hant', to: 'zh-TW', vocabulary: 'taiwan', direct: ['t', 'tw'] },
  t2hk: { from: 'zh-Hant', to: 'zh-HK', vocabulary: 'taiwan', direct: ['t', 'hk'] },
  tw2s: { from: 'zh-TW', to: 'zh-Hans', vocabulary: 'characters', direct: ['tw', 'cn'] },
  tw2sp: { from: 'zh-TW', to: 'zh-Hans', vocabulary: 'taiwan', direct: ['twp', 'cn'] },
  tw2t: { from: 'zh-TW', to: 'zh-Hant', vocabulary: 'taiwan', direct: ['tw', 't'] },
  hk2s: { from: 'zh-HK', to: 'zh-Hans', vocabulary: 'taiwan', direct: ['hk', 'cn'] },
  hk2t: { from: 'zh-HK', to: 'zh-Hant', vocabulary: 'taiwan', direct: ['hk', 't'] },
};

interface Case {
  id: string;
  input: string;
  expected: Record<string, string>;
}

const cases: Case[] = existsSync(SUITE) ? (JSON.parse(readFileSync(SUITE, 'utf8')) as { cases: Case[] }).cases : [];
const rows: string[] = [];

describe.skipIf(cases.length === 0)('OpenCC test suite through the site pipeline', () => {
  const site = { taiwan: new ScriptConverter({ vocabulary: 'taiwan' }), characters: new ScriptConverter({ vocabulary: 'characters' }) };

  for (const [config, m] of Object.entries(MAPPING)) {
    it(`${config}: loses nothing against opencc-js`, () => {
      const direct = OpenCC.Converter({ from: m.direct[0], to: m.direct[1] });
      const mine = cases.filter((c) => c.expected[config] !== undefined);
      let ours = 0;
      let theirs = 0;
      const lost: string[] = [];
      for (const c of mine) {
        const want = c.expected[config]!;
        const okOurs = site[m.vocabulary].text(c.input, m.from, m.to) === want;
        const okDirect = direct(c.input) === want;
        ours += okOurs ? 1 : 0;
        theirs += okDirect ? 1 : 0;
        if (okDirect && !okOurs) lost.push(c.id);
      }
      rows.push(`${config.padEnd(6)} ${String(ours).padStart(3)}/${String(mine.length).padEnd(3)} (${pct(ours, mine.length)})   opencc-js ${theirs}/${mine.length}`);
      expect(mine.length).toBeGreaterThan(0);
      expect(lost).toEqual([]);
    });
  }

  afterAll(() => {
    console.log(`OpenCC suite pass rates (site pipeline vs opencc-js direct):\n${rows.join('\n')}`);
  });
});

function pct(n: number, d: number): string {
  return `${((100 * n) / d).toFixed(1)}%`;
}
