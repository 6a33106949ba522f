import type { DictionaryService } from '../dictionary/dictionary.service.js';
import type { ArticleModel, HomeModel, ListingModel, NotFoundModel, SearchFilters, SearchModel } from '../render/models.js';
import type { Addressing } from './chrome.js';
import type { SiteDeps } from './deps.js';
import { ModelLocalizer } from './localize.js';
import { PageModels } from './pages.js';

/**
 * The public pages' view models in the reader's script: `PageModels` builds them from
 * services, then they are converted with the site dictionary as it is now.
 */
export class SitePages {
  readonly #models: PageModels;
  readonly #dictionary: DictionaryService;

  constructor(deps: SiteDeps & { dictionary: DictionaryService }) {
    this.#models = new PageModels(deps);
    this.#dictionary = deps.dictionary;
  }

  async home(at: Addressing): Promise<HomeModel> {
    return (await this.#in(at)).home(await this.#models.home(at));
  }

  async section(at: Addressing, slug: string, page: number): Promise<ListingModel> {
    return (await this.#in(at)).listing(await this.#models.section(at, slug, page));
  }

  async tag(at: Addressing, slug: string, page: number): Promise<ListingModel> {
    return (await this.#in(at)).listing(await this.#models.tag(at, slug, page));
  }

  async author(at: Addressing, slug: string, page: number): Promise<ListingModel> {
    return (await this.#in(at)).listing(await this.#models.author(at, slug, page));
  }

  async archive(at: Addressing, year: number, month: number, page: number): Promise<ListingModel> {
    return (await this.#in(at)).listing(await this.#models.archive(at, year, month, page));
  }

  async article(at: Addressing, id: number): Promise<ArticleModel> {
    return (await this.#in(at)).article(await this.#models.article(at, id));
  }

  async search(at: Addressing, rawQuery: string, page: number, filters: SearchFilters = {}): Promise<SearchModel> {
    return (await this.#in(at)).search(await this.#models.search(at, rawQuery, page, filters));
  }

  async notFound(at: Addressing, status: 404 | 400 | 410, message: string): Promise<NotFoundModel> {
    return (await this.#in(at)).notFound(await this.#models.notFound(at, status, message));
  }

  async #in(at: Addressing): Promise<ModelLocalizer> {
    return new ModelLocalizer((await this.#dictionary.current()).localizer, at.variant);
  }
}
