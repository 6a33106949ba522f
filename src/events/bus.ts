/**
 * What happened to content. Listeners (search index, keywords, related lists, caches, feeds)
 * react to these instead of the content service calling them, so data flows one way.
 */
export type ContentEvent =
  | {
      readonly type: 'article.saved';
      readonly articleId: number;
      /** Status after the save. */
      readonly status: string;
      /** Status before the save; undefined for a new article. */
      readonly previousStatus: string | undefined;
      /**
       * Re-announced because a tag it carries was renamed, merged or deleted: the article's own
       * fields did not change and no revision was recorded, so its newest revision is its old state.
       */
      readonly retagged?: true;
    }
  | { readonly type: 'article.deleted'; readonly articleId: number }
  | { readonly type: 'dictionary.changed' }
  /** An admin changed the site settings (src/settings): every rendered page may show them. */
  | { readonly type: 'settings.changed' }
  /**
   * Sections or tags were created, renamed, moved, merged or deleted (after the commit).
   * `slugs` holds every slug involved, old and new, since pages are named by slug.
   */
  | { readonly type: 'taxonomy.changed'; readonly kind: 'section' | 'tag'; readonly ids: readonly number[]; readonly slugs: readonly string[] }
  /** A user's public byline changed (display name or bio); `slug` names their author page. */
  | { readonly type: 'author.changed'; readonly userId: number; readonly slug: string }
  /** Editors placed, moved or removed a 精彩推薦 pick. */
  | { readonly type: 'featured.changed' };

type Handler<E> = (event: E) => Promise<void> | void;

/**
 * An in-process event bus. `emit` waits for every listener, in the order they subscribed, so a
 * publish returns only when the article is searchable; a failing listener is reported to
 * `onError` and does not stop the others or undo the save. (Several processes are bridged over
 * Redis by the scaling issue.)
 *
 * @example
 * bus.on('article.saved', (e) => index.update(e.articleId));
 */
export class EventBus {
  readonly #handlers = new Map<ContentEvent['type'], Array<Handler<ContentEvent>>>();
  readonly #onError: (err: unknown, event: ContentEvent) => void;

  constructor(options: { onError?: (err: unknown, event: ContentEvent) => void } = {}) {
    this.#onError = options.onError ?? ((err) => process.emitWarning(`event listener failed: ${String((err as Error)?.message ?? err)}`));
  }

  on<T extends ContentEvent['type']>(type: T, handler: Handler<Extract<ContentEvent, { type: T }>>): void {
    const list = this.#handlers.get(type) ?? [];
    list.push(handler as Handler<ContentEvent>);
    this.#handlers.set(type, list);
  }

  async emit(event: ContentEvent): Promise<void> {
    for (const handler of this.#handlers.get(event.type) ?? []) {
      try {
        await handler(event);
      } catch (err) {
        this.#onError(err, event);
      }
    }
  }
}
