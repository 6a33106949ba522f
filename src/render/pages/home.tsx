import type { ArticleView } from '../../content/views.js';
import { ArticleCard } from '../components/article-card.js';
import { ArticleList } from '../components/list-item.js';
import { Layout } from '../layout.js';
import { link } from '../links.js';
import { ui as messages } from '../i18n.js';
import type { Chrome, HomeModel } from '../models.js';

/**
 * The home page: 頭條 headline, 幻燈 slideshow beside 最新, 精彩推薦, one block per section
 * with a "more" link, and popular tags. Every block is optional: an empty newsroom still
 * renders a valid page.
 */
export function HomePage({ model, now }: { readonly model: HomeModel; readonly now: string }) {
  const { chrome } = model;
  return (
    <Layout chrome={chrome} now={now} home pageClass="page-home">
      <div class="wrap home">
        {model.headline && (
          <section class="block headline" aria-labelledby="headline-title">
            <h2 id="headline-title" class="block-title">
              {messages.headline}
            </h2>
            <ArticleCard chrome={chrome} article={model.headline} class="card-lead" />
          </section>
        )}
        <div class="home-row">
          <Slideshow chrome={chrome} slides={model.slideshow} />
          {model.latest.length > 0 && (
            <section class="block latest" aria-labelledby="latest-title">
              <h2 id="latest-title" class="block-title">
                {messages.latest}
              </h2>
              <ArticleList chrome={chrome} articles={model.latest} />
            </section>
          )}
        </div>
        {model.featured.length > 0 && (
          <section class="block featured" aria-labelledby="featured-title">
            <h2 id="featured-title" class="block-title">
              {messages.featured}
            </h2>
            <div class="card-grid">
              {model.featured.map((a) => (
                <ArticleCard key={a.id} chrome={chrome} article={a} />
              ))}
            </div>
          </section>
        )}
        {model.sections.length > 0 && (
          <div class="section-grid">
            {model.sections
              .filter((s) => s.articles.length > 0)
              .map(({ section, articles }) => (
                <section key={section.slug} class="block section-block" aria-labelledby={`sec-${section.slug}`}>
                  <h2 id={`sec-${section.slug}`} class="block-title">
                    <a href={link(chrome, section.url)}>{section.name}</a>
                  </h2>
                  <SectionArticles chrome={chrome} articles={articles} />
                  <a class="more-link" href={link(chrome, section.url)} aria-label={messages.moreIn(section.name)}>
                    {messages.more}
                  </a>
                </section>
              ))}
          </div>
        )}
        {model.tags.length > 0 && (
          <section class="block popular-tags" aria-labelledby="tags-title">
            <h2 id="tags-title" class="block-title">
              {messages.popularTags}
            </h2>
            <ul class="tag-cloud">
              {model.tags.map((t) => (
                <li key={t.slug}>
                  <a href={link(chrome, t.url)} rel="tag">
                    {t.name}
                    <span class="tag-count">{messages.tagCount(t.count)}</span>
                  </a>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </Layout>
  );
}

/** The lead story of a section gets a card, the rest a compact list. */
function SectionArticles({ chrome, articles }: { chrome: Chrome; articles: readonly ArticleView[] }) {
  const [first, ...rest] = articles;
  if (!first) return null;
  return (
    <>
      <ArticleCard chrome={chrome} article={first} compact />
      <ArticleList chrome={chrome} articles={rest} />
    </>
  );
}

/**
 * A carousel made of CSS scroll snapping: swipe, scroll or use the numbered links, all
 * without JavaScript. The scroller is focusable so keyboard users can scroll it too.
 */
function Slideshow({ chrome, slides }: { chrome: Chrome; slides: readonly ArticleView[] }) {
  if (slides.length === 0) return null;
  const total = slides.length;
  return (
    <section class="block slideshow" aria-roledescription="carousel" aria-labelledby="slideshow-title">
      <h2 id="slideshow-title" class="block-title">
        {messages.slideshow}
      </h2>
      <ul class="slides" tabindex={0}>
        {slides.map((a, i) => (
          <li
            key={a.id}
            id={`slide-${i + 1}`}
            class="slide"
            aria-roledescription="slide"
            aria-label={messages.slideN(i + 1, total)}
          >
            <a href={link(chrome, a.url)}>
              {a.cover && (
                <img
                  src={a.cover.url}
                  alt=""
                  width={a.cover.width ?? undefined}
                  height={a.cover.height ?? undefined}
                  // The first slide is visible at once; the others only when scrolled to.
                  loading={i === 0 ? undefined : 'lazy'}
                  decoding="async"
                />
              )}
              <span class="slide-caption">{a.title}</span>
            </a>
          </li>
        ))}
      </ul>
      {total > 1 && (
        <ol class="slide-dots">
          {slides.map((a, i) => (
            <li key={a.id}>
              <a href={`#slide-${i + 1}`} aria-label={messages.slideN(i + 1, total)}>
                {i + 1}
              </a>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
