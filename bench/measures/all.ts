import type { Measurement } from '../measure.js';
import { articleHttp } from './article-http.js';
import { conversionOverhead } from './conversion.js';
import { uncachedHttp } from './home-http.js';
import { exportMeasure } from './export.js';
import { largeServer } from './large-server.js';
import { peakRss } from './peak-rss.js';
import { publishVisible } from './publish-visible.js';
import { pageCache } from './page-cache.js';
import { randomArticle } from './random-article.js';
import { relatedPublish, relatedPublishLarge } from './related-publish.js';
import { searchMeasure } from './search.js';
import { uncachedRenders } from './uncached-renders.js';
import { viewsBeacons } from './views-beacons.js';
import { viewsIngestInProcess } from './views-ingest.js';

/**
 * Every measurement, in the order they run. In-process rendering goes first, before the server
 * starts, then search (in process, on its own databases); the server's peak memory goes last,
 * after all load. The views figures (ingestion in process, then a server of their own under
 * beacons) run while the shared server is idle. Related-list computation runs after it, in
 * process: its writes to the database never overlap an HTTP run. The large corpus's server memory and its related-list figure run last, on the corpus the export measure stores. A new
 * figure is a new module here.
 */
export const measurements: readonly Measurement[] = [uncachedRenders, conversionOverhead, searchMeasure, articleHttp, pageCache, randomArticle, uncachedHttp, viewsIngestInProcess, viewsBeacons, publishVisible, peakRss, relatedPublish, exportMeasure, largeServer, relatedPublishLarge];
