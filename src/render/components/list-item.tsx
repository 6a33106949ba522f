import type { ArticleView } from '../../content/views.js';
import { Time } from '../format.js';
import { link } from '../links.js';
import type { Chrome } from '../models.js';
import { memoHtml } from './memo-html.js';

/** A compact list entry: title link and date, for 最新 and sidebar lists. */
export function ListItem({ chrome, article }: { readonly chrome: Chrome; readonly article: ArticleView }) {
  return memoHtml(article, `item|${chrome.href('/')}|${chrome.timezone}`, () => <ListItemMarkup chrome={chrome} article={article} />);
}

function ListItemMarkup({ chrome, article }: { readonly chrome: Chrome; readonly article: ArticleView }) {
  return (
    <li class="list-item">
      <a href={link(chrome, article.url)}>{article.title}</a>
      {article.publishedAt && <Time iso={article.publishedAt} timeZone={chrome.timezone} dateOnly class="list-date" />}
    </li>
  );
}

/** A `<ul>` of {@link ListItem}s, or nothing when there are no articles. */
export function ArticleList({ chrome, articles }: { readonly chrome: Chrome; readonly articles: readonly ArticleView[] }) {
  if (articles.length === 0) return null;
  return (
    <ul class="article-list">
      {articles.map((a) => (
        <ListItem key={a.id} chrome={chrome} article={a} />
      ))}
    </ul>
  );
}
