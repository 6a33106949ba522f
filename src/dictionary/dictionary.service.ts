import { z } from 'zod';
import { AppError, parseOrThrow } from '../errors/index.js';
import { ContentLocalizer, type LocalizerBudgets } from '../content/localize.js';
import type { DictionaryEntry, ScriptConverter } from '../zh/convert.js';
import { VARIANTS, type Variant } from '../zh/variants.js';
import type { DictionaryRepo } from './dictionary.repo.js';

const term = z.string().trim().min(1, 'a term cannot be empty').max(60).regex(/^[^\n\r]+$/, 'one line');

const termInput = z
  .object({
    match: z.array(term).min(1, 'give at least one form of the term').max(10),
    outputs: z.partialRecord(z.enum(VARIANTS), term).default({}),
    note: z.string().trim().max(200).default(''),
  })
  .transform((t) => ({ ...t, outputs: Object.keys(t.outputs).length ? t.outputs : Object.fromEntries(VARIANTS.map((v) => [v, t.match[0]!])) }));

/** What `add` takes: the forms to match and per-variant outputs (none = protected as written). */
export type TermInput = z.input<typeof termInput>;

/** A dictionary term as listed. */
export interface TermView extends DictionaryEntry {
  readonly id: number;
  readonly note: string;
}

/** The converter and localizer for the dictionary as it is now. */
export interface Conversion {
  readonly version: number;
  readonly zh: ScriptConverter;
  readonly localizer: ContentLocalizer;
}

/**
 * The site dictionary: editors' protected terms and overrides, stored in the database and
 * applied by every conversion before OpenCC. Other processes see a change within
 * `checkEveryMs`: the version counter is re-read at most that often.
 */
export class DictionaryService {
  readonly #repo: DictionaryRepo;
  readonly #base: ScriptConverter;
  readonly #now: () => Date;
  readonly #checkEveryMs: number;
  readonly #budgets: LocalizerBudgets | undefined;
  #current: Conversion | undefined;
  #checkedAt = 0;

  /** `localizer`: what the localizer keeps (its defaults when absent). */
  constructor(deps: { dictionaryRepo: DictionaryRepo; converter: ScriptConverter; now: () => Date; checkEveryMs?: number; localizer?: LocalizerBudgets }) {
    this.#repo = deps.dictionaryRepo;
    this.#base = deps.converter;
    this.#now = deps.now;
    this.#checkEveryMs = deps.checkEveryMs ?? 2000;
    this.#budgets = deps.localizer;
  }

  /** The conversion to use for this request. */
  async current(): Promise<Conversion> {
    const now = Date.now();
    if (this.#current && now - this.#checkedAt < this.#checkEveryMs) return this.#current;
    this.#checkedAt = now;
    const version = await this.#repo.version();
    if (this.#current?.version === version) return this.#current;
    const zh = this.#base.withDictionary(await this.list());
    this.#current = { version, zh, localizer: new ContentLocalizer(zh, this.#budgets) };
    return this.#current;
  }

  async list(): Promise<TermView[]> {
    const rows = await this.#repo.all();
    return rows.map((r) => ({ id: r.id, match: JSON.parse(r.match) as string[], outputs: JSON.parse(r.outputs) as Partial<Record<Variant, string>>, note: r.note }));
  }

  /**
   * Adds a term. Without outputs the term is protected: it stays exactly as written in every
   * variant.
   *
   * @example
   * await dictionary.add({ match: ['哈萨克斯坦', '哈薩克斯坦'], outputs: { 'zh-TW': '哈薩克斯坦' } });
   */
  async add(raw: TermInput): Promise<TermView> {
    const t = parseOrThrow(termInput, raw);
    const id = await this.#repo.insert(JSON.stringify(t.match), JSON.stringify(t.outputs), t.note, this.#now().toISOString());
    this.#checkedAt = 0;
    return { id, match: t.match, outputs: t.outputs, note: t.note };
  }

  /** Replaces a term (same rules as `add`); `JD_ERR_DICTIONARY_TERM_NOT_FOUND` when there is none. */
  async update(id: number, raw: TermInput): Promise<TermView> {
    const t = parseOrThrow(termInput, raw);
    if (!(await this.#repo.update(id, JSON.stringify(t.match), JSON.stringify(t.outputs), t.note, this.#now().toISOString()))) {
      throw new AppError('JD_ERR_DICTIONARY_TERM_NOT_FOUND', { id });
    }
    this.#checkedAt = 0;
    return { id, match: t.match, outputs: t.outputs, note: t.note };
  }

  /**
   * `text` in every variant as pages would show it, with the dictionary as it is now plus
   * `candidate` (a term being edited, not yet saved; it replaces the stored term `replaces`).
   * A candidate that is not valid yet is left out rather than refused: the preview follows
   * the editor's typing.
   */
  async preview(text: string, candidate?: { term: unknown; replaces?: number }): Promise<Record<Variant, string>> {
    const { zh } = await this.current();
    let converter = zh;
    const parsed = candidate ? termInput.safeParse(candidate.term) : undefined;
    if (parsed?.success) {
      const others = (await this.list()).filter((t) => t.id !== candidate?.replaces);
      converter = zh.withDictionary([...others, parsed.data]);
    }
    const from = converter.detect(text);
    return Object.fromEntries(VARIANTS.map((v) => [v, converter.text(text, from, v)])) as Record<Variant, string>;
  }

  async remove(id: number): Promise<void> {
    if (!(await this.#repo.remove(id))) throw new AppError('JD_ERR_DICTIONARY_TERM_NOT_FOUND', { id });
    this.#checkedAt = 0;
  }
}
