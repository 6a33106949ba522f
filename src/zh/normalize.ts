import { openccConverter } from './opencc-engine.js';

/**
 * One form for matching text in either script: Unicode NFKC (full-width Latin and digits become
 * ASCII), lower case, and Traditional characters as Simplified (t2s, characters and phrases).
 * t2s rather than tw2sp: regional vocabulary rewriting corrupts names (哈薩克 → 哈萨克斯坦斯坦).
 *
 * @example
 * const n = new Normalizer();
 * n.normalize('雜誌ＡＢＣ') // '杂志abc'
 */
export class Normalizer {
  readonly #t2s = openccConverter('t', 'cn');

  normalize(text: string): string {
    return this.#t2s(text.normalize('NFKC').toLowerCase());
  }
}
