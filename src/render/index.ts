/**
 * Server-side rendering of the public pages: plain view models in, HTML documents out.
 */
export { renderArticle, renderHome, renderListing, renderNotFound, renderSearch, type RenderOptions } from './render.js';
export { formatDate, formatDateTime, Time, type TimeProps } from './format.js';
export { messages, type Messages } from './messages.js';
export type * from './models.js';
