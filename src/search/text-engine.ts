import { Normalizer } from '../zh/normalize.js';
import { Segmenter } from '../zh/segment.js';
import type { UserWordsRepo } from './user-words.repo.js';

/**
 * The segmenter as the editors' word list has it now, shared by indexing and queries so that
 * both cut text the same way. It is built on first use (jieba's dictionary takes a few hundred
 * milliseconds to load, which CLI commands that never search should not pay) and follows
 * changes made by any process: the list's version is re-read at most every `checkEveryMs`.
 * Added words go into the running dictionary; a removed word needs a fresh one.
 */
export class TextEngine {
  readonly #repo: UserWordsRepo;
  readonly #checkEveryMs: number;
  #normalizer: Normalizer | undefined;
  #segmenter: Segmenter | undefined;
  #words = new Set<string>();
  #version = -1;
  #checkedAt = 0;
  #pending: Promise<Segmenter> | undefined;

  constructor(deps: { userWordsRepo: UserWordsRepo; checkEveryMs?: number }) {
    this.#repo = deps.userWordsRepo;
    this.#checkEveryMs = deps.checkEveryMs ?? 2000;
  }

  /** The one normalizer (NFKC, lower case, t2s) behind segmentation and highlighting. */
  get normalizer(): Normalizer {
    return (this.#normalizer ??= new Normalizer());
  }

  /** The segmenter with every editor's word loaded. */
  async segmenter(): Promise<Segmenter> {
    if (this.#segmenter && Date.now() - this.#checkedAt < this.#checkEveryMs) return this.#segmenter;
    // Concurrent callers share one refresh instead of each loading a dictionary.
    this.#pending ??= this.#refresh().finally(() => (this.#pending = undefined));
    return this.#pending;
  }

  /** Makes the next call re-read the word list (after a change made in this process). */
  invalidate(): void {
    this.#checkedAt = 0;
  }

  async #refresh(): Promise<Segmenter> {
    this.#checkedAt = Date.now();
    const version = await this.#repo.version();
    if (this.#segmenter && version === this.#version) return this.#segmenter;
    const words = (await this.#repo.all()).map((w) => w.word);
    const additionsOnly = this.#segmenter !== undefined && [...this.#words].every((w) => words.includes(w));
    if (this.#segmenter && additionsOnly) this.#segmenter.addWords(words.filter((w) => !this.#words.has(w)));
    else this.#segmenter = new Segmenter({ userWords: words, normalizer: this.normalizer });
    this.#words = new Set(words);
    this.#version = version;
    return this.#segmenter;
  }
}
