import type { Chrome, Pager as PagerModel } from '../models.js';
import { ui as messages } from '../i18n.js';
import { link } from '../links.js';

/**
 * 上一頁 / 下一頁 links with the page position. Hidden for a single page. `rel` lets browsers
 * and crawlers follow the sequence.
 */
export function Pager({ chrome, pager }: { readonly chrome: Chrome; readonly pager: PagerModel }) {
  if (pager.pages <= 1 && !pager.prev && !pager.next) return null;
  return (
    <nav class="pager" aria-label={messages.pagination}>
      {pager.prev ? (
        <a class="pager-prev" rel="prev" href={link(chrome, pager.prev)}>
          {messages.prevPage}
        </a>
      ) : (
        <span class="pager-prev" aria-disabled="true">
          {messages.prevPage}
        </span>
      )}
      <span class="pager-status">{messages.pageOf(pager.page, pager.pages)}</span>
      {pager.next ? (
        <a class="pager-next" rel="next" href={link(chrome, pager.next)}>
          {messages.nextPage}
        </a>
      ) : (
        <span class="pager-next" aria-disabled="true">
          {messages.nextPage}
        </span>
      )}
    </nav>
  );
}
