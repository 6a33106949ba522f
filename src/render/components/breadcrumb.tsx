import type { Chrome, Link } from '../models.js';
import { ui as messages } from '../i18n.js';
import { link } from '../links.js';

/**
 * The breadcrumb trail (首頁 > 欄目 > 正文). The last item is the current page, so it is text
 * with `aria-current` rather than a link, whatever URL the model gives it.
 */
export function Breadcrumb({ chrome, items }: { readonly chrome: Chrome; readonly items: readonly Link[] }) {
  if (items.length === 0) return null;
  const last = items.length - 1;
  return (
    <nav class="breadcrumb" aria-label={messages.breadcrumbLabel}>
      <ol>
        {items.map((item, i) => (
          <li key={i}>
            {i === last ? <span aria-current="page">{item.label}</span> : <a href={link(chrome, item.url)}>{item.label}</a>}
          </li>
        ))}
      </ol>
    </nav>
  );
}
