import { ArticleCard } from '../components/article-card.js';
import { Breadcrumb } from '../components/breadcrumb.js';
import { Pager } from '../components/pager.js';
import { Layout } from '../layout.js';
import { link } from '../links.js';
import { ui as messages } from '../i18n.js';
import { breadcrumbListJsonLd } from '../structured-data.js';
import type { ListingModel } from '../models.js';

/**
 * A section, tag, author or monthly archive page: breadcrumbs, heading, intro, sub-links,
 * article cards and pager. `kind` only changes the body class and the sub-links' label, so
 * the four listings stay one template.
 */
export function ListingPage({ model, now }: { readonly model: ListingModel; readonly now: string }) {
  const { chrome } = model;
  const items = model.articles.items;
  return (
    <Layout
      chrome={chrome}
      now={now}
      pageClass={`page-listing listing-${model.kind}`}
      meta={{ pager: model.pager, jsonLd: [breadcrumbListJsonLd(chrome, model.breadcrumbs)] }}
    >
      <div class="wrap listing">
        <Breadcrumb chrome={chrome} items={model.breadcrumbs} />
        <header class="listing-header">
          <p class="listing-kind">{messages.listingKind[model.kind]}</p>
          <h1 class="listing-title">{model.heading}</h1>
          {model.intro && <p class="listing-intro">{model.intro}</p>}
        </header>
        {model.links.length > 0 && (
          <nav class="sub-links" aria-label={messages.subLinks}>
            <ul>
              {model.links.map((l, i) => (
                <li key={i}>
                  <a href={link(chrome, l.url)}>{l.label}</a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        {items.length > 0 ? (
          <div class="card-list">
            {items.map((a) => (
              <ArticleCard key={a.id} chrome={chrome} article={a} level={2} />
            ))}
          </div>
        ) : (
          <p class="empty-state">{messages.emptyListing}</p>
        )}
        <Pager chrome={chrome} pager={model.pager} />
      </div>
    </Layout>
  );
}
