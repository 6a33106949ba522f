import { openccConverter } from './opencc-engine.js';
import type { Variant } from './variants.js';

/** Scripts text can be converted from: the four variants (zh-TW and zh-HK as regional Traditional). */
export type FromScript = Variant;

/**
 * How zh-TW treats vocabulary: `taiwan` (default) converts phrases to Taiwan usage as well as
 * characters (s2twp: 软件 → 軟體, 网络 → 網路); `characters` converts characters only (s2tw).
 */
export type TaiwanVocabulary = 'taiwan' | 'characters';

type OcCode = 'cn' | 't' | 'tw' | 'twp' | 'hk';

/**
 * OpenCC's locale codes for a (from, to) pair. From Simplified: zh-Hant = s2t, zh-TW = s2twp,
 * zh-HK = s2hk. From Traditional: zh-Hans = t2s, zh-TW = t2tw, zh-HK = t2hk. From a regional
 * variant the region's own dictionaries are used (tw2sp, hk2s, …).
 */
export function openccPair(from: FromScript, to: Variant, vocabulary: TaiwanVocabulary = 'taiwan'): [OcCode, OcCode] | null {
  if (from === to) return null;
  // Taiwan vocabulary only applies between Simplified and zh-TW: Traditional text already
  // uses Traditional words, and rewriting them (t2twp) would change an author's choices.
  const tw: OcCode = vocabulary === 'taiwan' && (from === 'zh-Hans' || to === 'zh-Hans') ? 'twp' : 'tw';
  const code = (v: Variant): OcCode => ({ 'zh-Hans': 'cn', 'zh-Hant': 't', 'zh-HK': 'hk', 'zh-TW': tw })[v] as OcCode;
  return [code(from), code(to)];
}

/** One protected term or override of the site dictionary. */
export interface DictionaryEntry {
  /** Text to look for, in any script; every form an editor expects (哈萨克斯坦, 哈薩克斯坦). */
  readonly match: readonly string[];
  /**
   * What the term becomes per variant. A variant without an override converts the matched
   * text as usual; a term that is the same everywhere is a protected term.
   */
  readonly outputs: Partial<Record<Variant, string>>;
}

/** A plain text converter for one (from, to) pair. */
export type TextConverter = (text: string) => string;

/**
 * Phrase-level conversion between the script variants, with the site dictionary applied
 * first. Converters are built on first use and kept: building OpenCC's tables is the costly
 * part; converting is fast.
 *
 * @example
 * const zh = new ScriptConverter();
 * zh.text('头发和杂志之后', 'zh-Hans', 'zh-Hant') // '頭髮和雜誌之後'
 */
export class ScriptConverter {
  readonly #cache: Map<string, TextConverter>;
  readonly #autoCache = new Map<string, string>();
  readonly #vocabulary: TaiwanVocabulary;
  readonly #terms: Array<{ match: string; entry: DictionaryEntry }>;
  readonly #pattern: RegExp | null;

  constructor(options: { dictionary?: readonly DictionaryEntry[]; vocabulary?: TaiwanVocabulary; shared?: ScriptConverter } = {}) {
    // A converter made from another shares its OpenCC converters: only the dictionary differs.
    this.#cache = options.shared ? options.shared.#cache : new Map();
    this.#vocabulary = options.vocabulary ?? 'taiwan';
    // Longest match first, so that 哈薩克斯坦共和國 wins over 哈薩克斯坦.
    this.#terms = (options.dictionary ?? [])
      .flatMap((entry) => entry.match.filter((m) => m.length > 0).map((match) => ({ match, entry })))
      .sort((a, b) => b.match.length - a.match.length);
    this.#pattern = this.#terms.length ? new RegExp(this.#terms.map((t) => escapeRegExp(t.match)).join('|'), 'g') : null;
  }

  /** The vocabulary setting this converter uses for zh-TW. */
  get vocabulary(): TaiwanVocabulary {
    return this.#vocabulary;
  }

  /** A new converter with another dictionary and the same settings. */
  withDictionary(dictionary: readonly DictionaryEntry[]): ScriptConverter {
    return new ScriptConverter({ dictionary, vocabulary: this.#vocabulary, shared: this });
  }

  /** Converts plain text from one script to a variant: dictionary terms first, then OpenCC. */
  text(text: string, from: FromScript, to: Variant): string {
    const pair = openccPair(from, to, this.#vocabulary);
    if (!this.#pattern) return pair ? this.#opencc(pair)(text) : text;
    let out = '';
    let last = 0;
    for (const m of text.matchAll(this.#pattern)) {
      const entry = this.#terms.find((t) => t.match === m[0])!.entry;
      out += pair ? this.#opencc(pair)(text.slice(last, m.index)) : text.slice(last, m.index);
      const override = entry.outputs[to];
      out += override ?? (pair ? this.#opencc(pair)(m[0]) : m[0]);
      last = m.index + m[0].length;
    }
    const rest = text.slice(last);
    return out + (pair ? this.#opencc(pair)(rest) : rest);
  }

  /**
   * Converts several texts of one script in one call (each call has a fixed cost that
   * dominates on short texts such as a title and a caption).
   */
  texts(list: readonly string[], from: FromScript, to: Variant): string[] {
    if (list.some((t) => t.includes(SEPARATOR))) return list.map((t) => this.text(t, from, to));
    return this.text(list.join(SEPARATOR), from, to).split(SEPARATOR);
  }

  /**
   * Converts text whose script is not recorded (tag, section and author names): its script is
   * guessed from the characters only one script uses; text with none converts as Traditional,
   * which is then the identity for Simplified targets.
   */
  auto(text: string, to: Variant): string {
    const key = `${to}\u0000${text}`;
    const hit = this.#autoCache.get(key);
    if (hit !== undefined) return hit;
    const out = this.text(text, this.detect(text), to);
    if (this.#autoCache.size >= AUTO_CACHE_SIZE) this.#autoCache.delete(this.#autoCache.keys().next().value!);
    this.#autoCache.set(key, out);
    return out;
  }

  /** The script of a text: zh-Hant if it has Traditional-only characters, zh-Hans if Simplified-only ones. */
  detect(text: string): 'zh-Hans' | 'zh-Hant' {
    if (this.#opencc(['t', 'cn'])(text) !== text) return 'zh-Hant';
    if (this.#opencc(['cn', 't'])(text) !== text) return 'zh-Hans';
    return 'zh-Hant';
  }

  /**
   * Converts the text of an HTML fragment (text nodes and the human-readable `alt` and
   * `title` attributes), leaving tags, URLs and other attributes alone. Meant for sanitized
   * bodies and rendered fragments.
   */
  html(html: string, from: FromScript, to: Variant): string {
    if (from === to && !this.#pattern) return html;
    // Collect every piece of human-readable text, convert them in one call (a call has a fixed
    // cost that dominates on short pieces), then put them back. NUL separates the pieces: no
    // dictionary phrase contains it, so no conversion reaches across two pieces.
    const pieces: string[] = [];
    const template = html.replace(/(<[^>]*>)|([^<]+)/g, (_whole, tag: string | undefined, text: string | undefined) => {
      if (text !== undefined) {
        pieces.push(text);
        return SLOT;
      }
      return tag!.replace(/(\s(?:alt|title)=")([^"]*)(")/g, (_m, a: string, value: string, b: string) => {
        pieces.push(value);
        return a + SLOT + b;
      });
    });
    if (pieces.length === 0) return html;
    if (pieces.some((p) => p.includes(SEPARATOR) || p.includes(SLOT)) || template.split(SLOT).length !== pieces.length + 1) {
      // Text that already holds our markers is converted piece by piece instead.
      return html.replace(/(<[^>]*>)|([^<]+)/g, (_w, tag: string | undefined, text: string | undefined) =>
        text !== undefined ? this.text(text, from, to) : tag!.replace(/(\s(?:alt|title)=")([^"]*)(")/g, (_m, a: string, v: string, b: string) => a + this.text(v, from, to) + b),
      );
    }
    const converted = this.text(pieces.join(SEPARATOR), from, to).split(SEPARATOR);
    let i = 0;
    return template.replace(SLOT_PATTERN, () => converted[i++] ?? '');
  }

  /** Builds the OpenCC converters every page may need, so no reader waits for them. */
  warm(): void {
    const all: Variant[] = ['zh-Hans', 'zh-Hant', 'zh-TW', 'zh-HK'];
    for (const from of all) for (const to of all) {
      const pair = openccPair(from, to, this.#vocabulary);
      if (pair) this.#opencc(pair);
    }
  }

  #opencc(pair: [OcCode, OcCode]): TextConverter {
    const key = pair.join('>');
    const cached = this.#cache.get(key);
    if (cached) return cached;
    const made: TextConverter = openccConverter(pair[0], pair[1]);
    this.#cache.set(key, made);
    return made;
  }
}

/** Separates text pieces converted in one call by `html`. */
const SEPARATOR = '\u0000';
/** Marks where a converted piece goes back into the HTML. */
const SLOT = '\u0001';
const SLOT_PATTERN = /\u0001/g;

/** Names converted by `auto` kept in memory; names repeat on every page. */
const AUTO_CACHE_SIZE = 5000;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
