import { ContentLocalizer } from '../../content/localize.js';
import type { Conversion, DictionaryService } from '../../dictionary/dictionary.service.js';

/**
 * The site dictionary as a build sees it: pinned to the version current when the build
 * started (every page converts with the same terms), with a localizer of the build's own whose
 * caches `release` drops. The server's localizer keeps thousands of converted articles with
 * their bodies and more cards, which pays off across requests but, filled by a build that
 * converts every article once per variant, holds tens of MB that are never read again. The build
 * releases after each chunk of articles, every few dozen listing pages and before each
 * variant's feeds instead, so what it keeps is bounded by a chunk (or those pages' cards, or
 * one variant's feed articles within the localizer's own budget), whatever the size of the site.
 */
export class ExportDictionary {
  readonly #conversion: Conversion;
  #localizer: ContentLocalizer;
  /** A `DictionaryService` for the page builders, answering with this build's conversion. */
  readonly service: DictionaryService;

  private constructor(base: DictionaryService, conversion: Conversion) {
    this.#conversion = conversion;
    this.#localizer = new ContentLocalizer(conversion.zh);
    const current = (): Promise<Conversion> => Promise.resolve({ version: this.#conversion.version, zh: this.#conversion.zh, localizer: this.#localizer });
    this.service = new Proxy(base, {
      get(t, prop) {
        if (prop === 'current') return current;
        const value = Reflect.get(t, prop, t) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(t) : value;
      },
    });
  }

  /** Pins the dictionary as it is now. */
  static async open(base: DictionaryService): Promise<ExportDictionary> {
    return new ExportDictionary(base, await base.current());
  }

  /** The pinned dictionary's version. */
  get version(): number {
    return this.#conversion.version;
  }

  /** Drops every converted article and card kept so far (the next conversions start afresh). */
  release(): void {
    this.#localizer = new ContentLocalizer(this.#conversion.zh);
  }
}
