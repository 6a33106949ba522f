/** A person named on an imported item. */
export interface ItemAuthor {
  readonly name: string;
  readonly email?: string;
  /** A login or nickname (WordPress `author_login`) used to match authors in the same export. */
  readonly login?: string;
}

/**
 * One article as a parser found it, before mapping onto the newsroom: what every importer
 * (feed, WordPress, HTML page) produces and the shared import step consumes.
 */
export interface SourceItem {
  /** Stable identity for dedupe: the feed GUID, the WordPress post GUID, the page URL. */
  readonly guid: string;
  readonly title: string;
  /** Raw HTML (not yet sanitized or guarded). */
  readonly bodyHtml: string;
  readonly summary?: string;
  /** ISO 8601 instant, when the source gave one. */
  readonly publishedAt?: string | undefined;
  readonly authors: readonly ItemAuthor[];
  readonly tags: readonly string[];
  /** Categories as the source names them (mapped onto sections). */
  readonly categories: readonly string[];
  readonly source: { readonly name: string; readonly url: string };
  /** Published at the source (WordPress `publish`); other states import as drafts. */
  readonly published?: boolean;
  /** A featured image to download into the media library. */
  readonly imageUrl?: string | undefined;
  /** Old paths on the previous site that should redirect to the new article. */
  readonly oldPaths?: readonly string[];
  /** Set when the parser already knows the item cannot be imported (reported as failed). */
  readonly problem?: string;
  /** Set when the parser deliberately leaves the item out (reported as skipped). */
  readonly skip?: string;
  /** What the integrity guard already stripped while the parser read the item (HTML pages). */
  readonly removedBefore?: ReadonlyArray<{ readonly rule: string; readonly reason: string }>;
}

/** A parsed source: its items and the source's own name (feed title, site name). */
export interface ParsedSource {
  readonly title: string;
  readonly items: readonly SourceItem[];
}
