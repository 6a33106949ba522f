import { Fragment } from 'preact';
import type { ArticleView } from '../../content/views.js';
import { ArticleCard } from '../components/article-card.js';
import { Breadcrumb } from '../components/breadcrumb.js';
import { CoverFigure } from '../components/cover-figure.js';
import { ArticleList } from '../components/list-item.js';
import { textExcerpt } from '../excerpt.js';
import { Time } from '../format.js';
import type { PageMeta } from '../head-meta.js';
import { Layout } from '../layout.js';
import { absolute, canonicalLink, link } from '../links.js';
import { ui as messages } from '../i18n.js';
import { breadcrumbListJsonLd, newsArticleJsonLd } from '../structured-data.js';
import type { ArticleModel, Chrome } from '../models.js';

/** An edit counts as an update only past this gap; saving while publishing is not news. */
const UPDATE_THRESHOLD_MS = 60_000;

/**
 * Head metadata of an article: social card with the cover, `article:*` properties and the
 * NewsArticle and BreadcrumbList structured data. An article without a summary is described
 * by its opening, so search results and cards still get a snippet. The editor's SEO title,
 * description and canonical URL, when set, replace the title, the summary and the own URL.
 */
export function articleMeta(model: ArticleModel): PageMeta {
  const { chrome, article } = model;
  const seo = article.seo;
  const description = seo?.description || chrome.description || article.summary || textExcerpt(article.bodyHtml);
  const cover = article.cover;
  // Only the values the editor set: an article without SEO fields gets exactly the head it had.
  const head = seo && { ...(seo.title ? { title: seo.title } : {}), ...(seo.description ? { description: seo.description } : {}), ...(seo.canonicalUrl ? { canonicalUrl: seo.canonicalUrl } : {}) };
  return {
    type: 'article',
    description,
    ...(head && Object.keys(head).length > 0 ? { head } : {}),
    ...(cover ? { image: { url: absolute(chrome, cover.url), width: cover.width, height: cover.height, alt: cover.alt } } : {}),
    article: {
      publishedTime: article.publishedAt,
      modifiedTime: article.updatedAt,
      section: article.section.name,
      tags: article.tags.map((t) => t.name),
      authors: article.authors.map((a) => canonicalLink(chrome, a.url)),
    },
    jsonLd: [newsArticleJsonLd(chrome, article, description), breadcrumbListJsonLd(chrome, model.breadcrumbs)],
  };
}

/**
 * The article page, in the order Chinese portals use: breadcrumb 首頁 > 欄目 > 正文, title,
 * subtitle, meta line, correction, cover, body, tags, then 相關閱讀, 精彩推薦, 相關詞, 推薦閱讀.
 */
export function ArticlePage({ model, now }: { readonly model: ArticleModel; readonly now: string }) {
  const { chrome, article } = model;
  return (
    <Layout
      chrome={chrome}
      now={now}
      pageClass="page-article"
      meta={articleMeta(model)}
    >
      <div class="wrap article-wrap">
        <Breadcrumb chrome={chrome} items={model.breadcrumbs} />
        {/* Chinese articles are converted to the page's script; only a foreign-language one keeps its own lang. */}
        <article class="article" lang={article.lang.startsWith('zh') ? undefined : article.lang}>
          <header class="article-header">
            <h1 class="article-title">{article.title}</h1>
            {article.subtitle && <p class="article-subtitle">{article.subtitle}</p>}
            <Meta chrome={chrome} article={article} />
          </header>
          {article.correction && (
            <aside class="correction" role="note">
              <strong class="correction-label">{messages.correction}</strong>
              {article.correction.at && <Time iso={article.correction.at} timeZone={chrome.timezone} />}
              <p>{article.correction.note}</p>
            </aside>
          )}
          {article.cover && <CoverFigure cover={article.cover} />}
          {/* bodyHtml was sanitized by guard/ before it was stored; this is the only raw HTML in pages. */}
          <div class="article-body" dangerouslySetInnerHTML={{ __html: article.bodyHtml }} />
          {article.tags.length > 0 && (
            <nav class="article-tags" aria-label={messages.tags}>
              <span class="article-tags-label">{messages.tags}</span>
              <ul>
                {article.tags.map((t) => (
                  <li key={t.slug}>
                    <a href={link(chrome, t.url)} rel="tag">
                      {t.name}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
        </article>
        <CardBlock id="related" title={messages.related} chrome={chrome} articles={model.related} />
        {model.featured.length > 0 && (
          <section id="featured" class="block featured">
            <h2 class="block-title">{messages.featured}</h2>
            <ArticleList chrome={chrome} articles={model.featured} />
          </section>
        )}
        {model.relatedWords.length > 0 && (
          <section id="related-words" class="block related-words">
            <h2 class="block-title">{messages.relatedWords}</h2>
            <ul class="word-list">
              {model.relatedWords.map((w, i) => (
                <li key={i}>
                  <a href={link(chrome, w.url)}>{w.label}</a>
                </li>
              ))}
            </ul>
          </section>
        )}
        <CardBlock id="recommended" title={messages.recommended} chrome={chrome} articles={model.recommended} />
        {model.beacon && <ViewsBeacon beacon={model.beacon} />}
      </div>
    </Layout>
  );
}

function Meta({ chrome, article }: { chrome: Chrome; article: ArticleView }) {
  const updated =
    article.publishedAt !== null &&
    new Date(article.updatedAt).getTime() - new Date(article.publishedAt).getTime() > UPDATE_THRESHOLD_MS;
  // An article with no external source is the newsroom's own reporting.
  const sourceName = article.source.name || chrome.siteName;
  return (
    <p class="article-meta">
      {article.publishedAt && (
        <span class="meta-item meta-published">
          <span class="visually-hidden">{messages.published}{messages.labelSeparator}</span>
          <Time iso={article.publishedAt} timeZone={chrome.timezone} />
        </span>
      )}
      {updated && (
        <span class="meta-item meta-updated">
          {messages.updated}
          {messages.labelSeparator}
          <Time iso={article.updatedAt} timeZone={chrome.timezone} />
        </span>
      )}
      <span class="meta-item meta-source">
        {messages.source}
        {messages.labelSeparator}
        {article.source.url ? (
          <a href={article.source.url} rel="nofollow noopener">
            {sourceName}
          </a>
        ) : (
          sourceName
        )}
      </span>
      {article.authors.length > 0 && (
        <span class="meta-item meta-authors">
          {messages.author}
          {messages.labelSeparator}
          {article.authors.map((a, i) => (
            <Fragment key={a.slug}>
              {i > 0 && messages.listSeparator}
              <a href={link(chrome, a.url)} rel="author">
                {a.name}
              </a>
            </Fragment>
          ))}
        </span>
      )}
      {article.readingMinutes > 0 && (
        <span class="meta-item meta-reading">{messages.readingTime(article.readingMinutes)}</span>
      )}
    </p>
  );
}

/**
 * Counts the view: an external script loaded `async` (never blocks rendering, no inline code),
 * and for readers without JavaScript a 1×1 image inside `<noscript>`.
 */
function ViewsBeacon({ beacon }: { beacon: NonNullable<ArticleModel['beacon']> }) {
  return (
    <>
      <script src={beacon.script} async data-article={String(beacon.articleId)} />
      <noscript>
        <img class="views-pixel" src={beacon.pixel} alt="" width={1} height={1} />
      </noscript>
    </>
  );
}

function CardBlock(props: { id: string; title: string; chrome: Chrome; articles: readonly ArticleView[] }) {
  if (props.articles.length === 0) return null;
  return (
    <section id={props.id} class={`block ${props.id}`}>
      <h2 class="block-title">{props.title}</h2>
      <div class="card-grid">
        {props.articles.map((a) => (
          <ArticleCard key={a.id} chrome={props.chrome} article={a} compact />
        ))}
      </div>
    </section>
  );
}
