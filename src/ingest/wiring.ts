import type { Container } from '../container.js';
import { siteIntegrityOptions } from '../guard/article-integrity.js';
import type { FetchOptions } from './fetch.js';
import { Importer } from './importer.js';

/**
 * The importer over a container's database, event bus, media library and the site's integrity
 * options (CLI, admin API, feed poller). `fetch` overrides the fetch limits (tests).
 */
export function importerOf(c: Container, fetch?: FetchOptions): Importer {
  return new Importer({ db: c.db, events: c.events, now: () => new Date(), media: c.mediaLibrary, maxImageMb: c.config.maxUploadMb, integrity: siteIntegrityOptions(c.config), ...(fetch ? { fetch } : {}) });
}
