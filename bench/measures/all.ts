import type { Measurement } from '../measure.js';
import { articleHttp } from './article-http.js';
import { conversionOverhead } from './conversion.js';
import { peakRss } from './peak-rss.js';
import { randomArticle } from './random-article.js';
import { uncachedRenders } from './uncached-renders.js';

/**
 * Every measurement, in the order they run. In-process rendering goes first, before the server
 * starts; the server's peak memory goes last, after all load. A new figure is a new module here.
 */
export const measurements: readonly Measurement[] = [uncachedRenders, conversionOverhead, articleHttp, randomArticle, peakRss];
