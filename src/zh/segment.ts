import { Jieba } from '@node-rs/jieba';
import { jiebaFile } from './jieba-files.js';
import { Normalizer } from './normalize.js';
import { STOP_WORDS } from './stopwords.js';

// A token worth indexing has a letter or digit in it: punctuation and spaces are not words.
const WORDLIKE = /[\p{L}\p{N}]/u;

/** Frequency given to editors' words, high enough that jieba keeps them whole. */
const USER_WORD_FREQ = 200_000;

/**
 * Chinese word segmentation with jieba over the normalized (Simplified) form of any text:
 * jieba's dictionary is Simplified and splits Traditional words badly (哈薩/克斯/坦).
 * Editors' words (names, places, terms) are added to the dictionary so they stay whole.
 *
 * @example
 * const seg = new Segmenter();
 * seg.words('哈薩克斯坦的雜誌') // ['哈萨克斯坦', '杂志']
 */
export class Segmenter {
  readonly #jieba: Jieba;
  readonly #normalizer: Normalizer;
  readonly #userWords = new Set<string>();

  constructor(options: { userWords?: readonly string[]; normalizer?: Normalizer } = {}) {
    // Read here and dropped once jieba has built its own copy (the package's dict.js module
    // would keep both of its files, 11 MB, for the life of the process).
    this.#jieba = Jieba.withDict(jiebaFile('dict.txt'));
    this.#normalizer = options.normalizer ?? new Normalizer();
    this.addWords(options.userWords ?? []);
  }

  /** The normalizer used before segmentation. */
  get normalizer(): Normalizer {
    return this.#normalizer;
  }

  /** Adds words to the dictionary (normalized first, so either script works). */
  addWords(words: readonly string[]): void {
    const fresh = words.map((w) => this.#normalizer.normalize(w.trim())).filter((w) => w.length > 0 && !/\s/.test(w) && !this.#userWords.has(w));
    if (fresh.length === 0) return;
    for (const w of fresh) this.#userWords.add(w);
    this.#jieba.loadDict(Buffer.from(fresh.map((w) => `${w} ${USER_WORD_FREQ} n`).join('\n')));
  }

  /** Content words of a text, normalized, in order: no punctuation, spaces or stop words. */
  words(text: string): string[] {
    return this.#jieba.cut(this.#normalizer.normalize(text), true).filter(isContentWord);
  }

  /**
   * Tokens for a search index: jieba's search mode adds the shorter words inside long ones
   * (中华人民共和国 also yields 中华, 人民, 共和国), so a query for a part finds the whole.
   */
  searchTokens(text: string): string[] {
    return this.#jieba.cutForSearch(this.#normalizer.normalize(text), true).filter(isContentWord);
  }

  /** All words of a text including stop words (for phrase matching), normalized. */
  allWords(text: string): string[] {
    return this.#jieba.cut(this.#normalizer.normalize(text), true).filter((w) => WORDLIKE.test(w));
  }
}

function isContentWord(w: string): boolean {
  return WORDLIKE.test(w) && !STOP_WORDS.has(w);
}
