import type { ArticleView } from '../../content/views.js';
import { Time } from '../format.js';
import { link } from '../links.js';
import type { Chrome } from '../models.js';
import { memoHtml } from './memo-html.js';

/** Props of {@link ArticleCard}. */
export interface ArticleCardProps {
  readonly chrome: Chrome;
  readonly article: ArticleView;
  /** Heading level of the title, so cards nest correctly under the block's own heading. */
  readonly level?: 2 | 3;
  /** Hide the summary (dense blocks). */
  readonly compact?: boolean;
  /** Extra class, e.g. `card-lead` for the big headline block. */
  readonly class?: string;
  /**
   * Shown instead of the summary: trusted HTML made by the search engine (an excerpt, its text
   * escaped, matches in `<mark>`). Never pass stored content here.
   */
  readonly snippetHtml?: string;
}

/**
 * An article teaser: cover thumbnail, title link, summary, section and time. The thumbnail is
 * lazy and carries its intrinsic size so the grid does not jump while images load.
 */
export function ArticleCard(props: ArticleCardProps) {
  // Search snippets differ per query; every other card depends only on what the key names.
  if (props.snippetHtml !== undefined) return <CardMarkup {...props} />;
  const { chrome, article, level = 3, compact = false, class: cls = '' } = props;
  return memoHtml(article, `card|${chrome.href('/')}|${chrome.timezone}|${level}|${compact ? 1 : 0}|${cls}`, () => <CardMarkup {...props} />);
}

function CardMarkup({ chrome, article, level = 3, compact = false, class: cls, snippetHtml }: ArticleCardProps) {
  const Heading = level === 2 ? 'h2' : 'h3';
  const href = link(chrome, article.url);
  const cover = article.cover;
  return (
    <article class={cls ? `card ${cls}` : 'card'}>
      {cover && (
        // The title link below is the accessible one; this duplicate is hidden from the tab
        // order and the accessibility tree so readers do not hear every headline twice.
        <a class="card-thumb" href={href} tabindex={-1} aria-hidden="true">
          <img
            src={cover.url}
            alt=""
            width={cover.width ?? undefined}
            height={cover.height ?? undefined}
            loading="lazy"
            decoding="async"
          />
        </a>
      )}
      <div class="card-text">
        <Heading class="card-title">
          <a href={href}>{article.title}</a>
        </Heading>
        {!compact && snippetHtml ? (
          <p class="card-summary search-snippet" dangerouslySetInnerHTML={{ __html: snippetHtml }} />
        ) : (
          !compact && article.summary && <p class="card-summary">{article.summary}</p>
        )}
        <p class="card-meta">
          <a class="card-section" href={link(chrome, article.section.url)}>
            {article.section.name}
          </a>
          {article.publishedAt && <Time iso={article.publishedAt} timeZone={chrome.timezone} />}
        </p>
      </div>
    </article>
  );
}
