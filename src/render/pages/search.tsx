import { ArticleCard } from '../components/article-card.js';
import { Pager } from '../components/pager.js';
import { SearchFilters } from '../components/search-filters.js';
import { SearchForm } from '../components/search-form.js';
import { Layout } from '../layout.js';
import { link } from '../links.js';
import { ui as messages } from '../i18n.js';
import type { SearchModel } from '../models.js';

/**
 * Search results: the form again (prefilled, to refine), the count, result cards and pager.
 * With no results it suggests what usually helps on a Chinese site: fewer words, the other
 * script, or browsing sections instead.
 */
export function SearchPage({ model, now }: { readonly model: SearchModel; readonly now: string }) {
  const { chrome } = model;
  const query = model.query.trim();
  const items = model.results.items;
  const snippets = new Map((model.hits ?? []).map((h) => [h.id, h.snippet]));
  const filtered = (model.activeFilters ?? []).length > 0;
  const notice = model.notice === 'no-words' ? messages.noWordsNotice : model.notice === 'only-exclusions' ? messages.onlyExclusionsNotice : undefined;
  return (
    <Layout chrome={chrome} now={now} pageClass="page-search" meta={{ pager: model.pager }}>
      <div class="wrap search-page">
        <h1 class="listing-title">{messages.searchTitle}</h1>
        <SearchForm chrome={chrome} query={model.query} id="search-page-q" class="search-page-form" />
        {query !== '' && <SearchFilters chrome={chrome} model={model} />}
        {query === '' ? (
          <p class="empty-state">{messages.searchPrompt}</p>
        ) : notice ? (
          <p class="empty-state" role="status">
            {notice}
          </p>
        ) : items.length > 0 ? (
          <>
            <p class="result-count" role="status">
              {messages.resultCount(model.results.total, query)}
            </p>
            {model.relaxed && <p class="search-notice">{messages.relaxedNotice}</p>}
            <div class="card-list">
              {items.map((a) => (
                <ArticleCard key={a.id} chrome={chrome} article={a} level={2} {...(snippets.get(a.id) ? { snippetHtml: snippets.get(a.id) } : {})} />
              ))}
            </div>
            <Pager chrome={chrome} pager={model.pager} />
          </>
        ) : (
          <div class="empty-state">
            <p role="status">{messages.noResults(query)}</p>
            {filtered && <p>{messages.filteredNoResults}</p>}
            <p>{messages.searchTipsTitle}</p>
            <ul class="search-tips">
              {messages.searchTips.map((tip, i) => (
                <li key={i}>{tip}</li>
              ))}
            </ul>
            {chrome.nav.length > 0 && (
              <ul class="tip-sections">
                {chrome.nav.map((s) => (
                  <li key={s.slug}>
                    <a href={link(chrome, s.url)}>{s.name}</a>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </Layout>
  );
}
