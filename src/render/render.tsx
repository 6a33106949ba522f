import { withUi } from './i18n.js';
import { renderDocument } from './layout.js';
import { messages } from './messages.js';
import type { ArticleModel, HomeModel, ListingModel, NotFoundModel, SearchModel } from './models.js';
import { ArticlePage } from './pages/article.js';
import { HomePage } from './pages/home.js';
import { ListingPage } from './pages/listing.js';
import { NotFoundPage } from './pages/not-found.js';
import { SearchPage } from './pages/search.js';

/** Options shared by the page renderers. */
export interface RenderOptions {
  /**
   * The moment the page is rendered for (the header shows its date). Defaults to the clock;
   * pass it to make output reproducible (tests, static export). The view models carry no
   * such time, so this is the one input renderers take besides the model.
   */
  readonly now?: Date | string;
}

function nowIso(options: RenderOptions | undefined): string {
  const now = options?.now ?? new Date();
  return typeof now === 'string' ? now : now.toISOString();
}

/**
 * The home page as a complete HTML document.
 *
 * @example
 * reply.type('text/html').send(renderHome(model))
 */
export function renderHome(m: HomeModel, options?: RenderOptions): string {
  return withUi(m.chrome.messages ?? messages, m.chrome.variant, () => renderDocument(<HomePage model={m} now={nowIso(options)} />));
}

/** A section, tag, author or archive listing as a complete HTML document. */
export function renderListing(m: ListingModel, options?: RenderOptions): string {
  return withUi(m.chrome.messages ?? messages, m.chrome.variant, () => renderDocument(<ListingPage model={m} now={nowIso(options)} />));
}

/** An article page as a complete HTML document. */
export function renderArticle(m: ArticleModel, options?: RenderOptions): string {
  return withUi(m.chrome.messages ?? messages, m.chrome.variant, () => renderDocument(<ArticlePage model={m} now={nowIso(options)} />));
}

/** The search page (results, or the empty state) as a complete HTML document. */
export function renderSearch(m: SearchModel, options?: RenderOptions): string {
  return withUi(m.chrome.messages ?? messages, m.chrome.variant, () => renderDocument(<SearchPage model={m} now={nowIso(options)} />));
}

/** The 404 / 400 page as a complete HTML document; the caller sets the status code. */
export function renderNotFound(m: NotFoundModel, options?: RenderOptions): string {
  return withUi(m.chrome.messages ?? messages, m.chrome.variant, () => renderDocument(<NotFoundPage model={m} now={nowIso(options)} />));
}
