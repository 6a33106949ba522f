import { ArticleList } from '../components/list-item.js';
import { SearchForm } from '../components/search-form.js';
import { Layout } from '../layout.js';
import { ui as messages } from '../i18n.js';
import type { NotFoundModel } from '../models.js';

/**
 * The 404 / 400 page. It gives a way on (search, latest articles, home) instead of a dead end;
 * the route sets the HTTP status.
 */
export function NotFoundPage({ model, now }: { readonly model: NotFoundModel; readonly now: string }) {
  const { chrome } = model;
  return (
    <Layout chrome={chrome} now={now} pageClass="page-not-found">
      <div class="wrap not-found">
        <h1 class="listing-title">{model.status === 404 ? messages.notFoundTitle : model.status === 410 ? messages.goneTitle : messages.badRequestTitle}</h1>
        {model.message && <p class="status-message">{model.message}</p>}
        <p>{model.status === 410 ? messages.goneHint : messages.notFoundHint}</p>
        <SearchForm chrome={chrome} id="not-found-q" class="search-page-form" />
        {model.latest.length > 0 && (
          <section class="block latest" aria-labelledby="latest-title">
            <h2 id="latest-title" class="block-title">
              {messages.latest}
            </h2>
            <ArticleList chrome={chrome} articles={model.latest} />
          </section>
        )}
        <p>
          <a class="back-home" href={chrome.href('/')}>
            {messages.backHome}
          </a>
        </p>
      </div>
    </Layout>
  );
}
