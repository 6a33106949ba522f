import { z } from 'zod';
import { AppError, parseOrThrow } from '../errors/index.js';
import type { TextEngine } from './text-engine.js';
import type { UserWordsRepo } from './user-words.repo.js';

const word = z
  .string()
  .trim()
  .min(1, 'a word cannot be empty')
  .max(30, 'a word has at most 30 characters')
  .regex(/^\S+$/u, 'one word, without spaces')
  .regex(/[\p{L}\p{N}]/u, 'a word needs a letter or digit')
  .transform((w) => w.normalize('NFC'));

const wordList = z.object({ words: z.array(word).min(1, 'give at least one word').max(1000, 'at most 1,000 words at a time') });

/** An editor's word as listed. */
export interface UserWord {
  readonly word: string;
  readonly createdAt: string;
}

/**
 * Editors' words: names, places and terms that segmentation must keep whole (林雨涵, not
 * 林雨/涵), so that searching for them finds them. A change reaches every process's segmenter
 * within seconds; articles indexed before it keep their old tokens until `jiaodian reindex`.
 */
export class UserWordsService {
  readonly #repo: UserWordsRepo;
  readonly #engine: TextEngine;
  readonly #now: () => Date;

  constructor(deps: { userWordsRepo: UserWordsRepo; engine: TextEngine; now: () => Date }) {
    this.#repo = deps.userWordsRepo;
    this.#engine = deps.engine;
    this.#now = deps.now;
  }

  list(): Promise<UserWord[]> {
    return this.#repo.all();
  }

  /**
   * Adds words; returns the ones that were new.
   *
   * @example
   * await words.add(['林雨涵', '哈薩克斯坦']); // ['林雨涵', '哈薩克斯坦']
   */
  async add(words: readonly string[]): Promise<string[]> {
    const valid = parseOrThrow(wordList, { words }).words;
    const added = await this.#repo.add(valid, this.#now().toISOString());
    this.#engine.invalidate();
    return added;
  }

  /** Removes a word, or JD_ERR_SEARCH_WORD_NOT_FOUND. */
  async remove(raw: string): Promise<void> {
    const w = raw.trim().normalize('NFC');
    if (!(await this.#repo.remove(w))) throw new AppError('JD_ERR_SEARCH_WORD_NOT_FOUND', { word: w });
    this.#engine.invalidate();
  }
}
