import type { Chrome } from '../models.js';
import { ui as messages } from '../i18n.js';

/** Props of {@link SearchForm}. */
export interface SearchFormProps {
  readonly chrome: Chrome;
  /** Prefilled query; defaults to `chrome.query`. */
  readonly query?: string;
  /** Element id of the input, unique per page (the header and a page may both have a form). */
  readonly id: string;
  readonly class?: string;
  /**
   * Accessible name of the form's search landmark. Two unnamed search landmarks on one page
   * (header and search page) sound identical to a screen reader, so the header names its own.
   */
  readonly label?: string;
}

/**
 * A GET search form. It needs no JavaScript: the query lands in `?q=` of the search page in
 * this page's variant.
 */
export function SearchForm({ chrome, query, id, class: cls, label }: SearchFormProps) {
  return (
    <form class={cls ? `search-form ${cls}` : 'search-form'} role="search" aria-label={label} method="get" action={chrome.href('/search')}>
      <label class="visually-hidden" for={id}>
        {messages.searchLabel}
      </label>
      <input id={id} type="search" name="q" value={query ?? chrome.query ?? ''} placeholder={messages.searchPlaceholder} />
      <button type="submit">{messages.search}</button>
    </form>
  );
}
