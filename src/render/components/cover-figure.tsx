import type { CoverView } from '../../content/views.js';

/**
 * An article's cover as a `<figure>` with caption and credit. It is the first large image of
 * the page, so it loads eagerly with high priority (lazy loading would delay the LCP image).
 * Media paths are the same in every script variant, so `src` skips `chrome.href`.
 */
export function CoverFigure({ cover }: { readonly cover: CoverView }) {
  const hasCaption = cover.caption !== '' || cover.credit !== '';
  return (
    <figure class="cover">
      <img
        src={cover.url}
        alt={cover.alt}
        width={cover.width ?? undefined}
        height={cover.height ?? undefined}
        fetchpriority="high"
        decoding="async"
      />
      {hasCaption && (
        <figcaption>
          {cover.caption && <span class="caption">{cover.caption}</span>}
          {cover.credit && <span class="credit">{cover.credit}</span>}
        </figcaption>
      )}
    </figure>
  );
}
