import { ui as messages } from '../i18n.js';
import { link } from '../links.js';
import type { Chrome, SearchModel } from '../models.js';

/**
 * The search page's filter form (section, tag, dates, sort) and the filters in force, each
 * with a link that drops it. A plain GET form: it works without JavaScript, and the query
 * travels along in a hidden field.
 */
export function SearchFilters({ chrome, model }: { readonly chrome: Chrome; readonly model: SearchModel }) {
  const f = model.filters ?? {};
  const options = model.filterOptions;
  const active = model.activeFilters ?? [];
  return (
    <>
      <form class="search-filters" method="get" action={chrome.href('/search')} aria-label={messages.searchFilters}>
        <input type="hidden" name="q" value={model.query} />
        {f.author && <input type="hidden" name="author" value={f.author} />}
        {options && (
          <>
            <label>
              <span>{messages.filterSection}</span>
              <select name="section">
                <option value="">{messages.filterAny}</option>
                {options.sections.map((s) => (
                  <option key={s.slug} value={s.slug} selected={s.slug === f.section}>
                    {'　'.repeat(s.depth) + s.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span>{messages.filterTag}</span>
              <select name="tag">
                <option value="">{messages.filterAny}</option>
                {options.tags.map((t) => (
                  <option key={t.slug} value={t.slug} selected={t.slug === f.tag}>
                    {t.name}
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
        <label>
          <span>{messages.filterFrom}</span>
          <input type="date" name="from" value={f.from ?? ''} />
        </label>
        <label>
          <span>{messages.filterTo}</span>
          <input type="date" name="to" value={f.to ?? ''} />
        </label>
        <label>
          <span>{messages.sortBy}</span>
          <select name="sort">
            <option value="relevance" selected={f.sort !== 'date'}>
              {messages.sortRelevance}
            </option>
            <option value="date" selected={f.sort === 'date'}>
              {messages.sortDate}
            </option>
          </select>
        </label>
        <button type="submit">{messages.applyFilters}</button>
      </form>
      {active.length > 0 && (
        <ul class="active-filters">
          {active.map((a) => (
            <li key={a.key}>
              <a href={link(chrome, a.clearUrl)} aria-label={messages.clearFilter(a.label)}>
                {a.label} ×
              </a>
            </li>
          ))}
          {active.length > 1 && (
            <li>
              <a href={link(chrome, `/search?q=${encodeURIComponent(model.query)}`)}>{messages.clearAllFilters}</a>
            </li>
          )}
        </ul>
      )}
    </>
  );
}
