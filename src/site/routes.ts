import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, isAppError, parseOrThrow } from '../errors/index.js';
import { parseArticleFile, urls } from '../content/urls.js';
import { renderArticle, renderHome, renderListing, renderSearch } from '../render/index.js';
import { utf8Bytes } from '../render/utf8.js';
import type { ListingModel, SearchFilters } from '../render/models.js';
import { tag as cacheTag, type PageTagger } from '../render/cache/tags.js';
import { searchInputSchema, searchMessages } from '../search/search.input.js';
import { variantPrefix } from '../zh/variants.js';
import type { Addressing } from './chrome.js';
import type { SitePages } from './site-pages.js';

/** Options of one mount of the public site. */
export interface SiteRouteOptions {
  readonly pages: SitePages;
  readonly at: Addressing;
  /** The current slug of a renamed or merged tag's old slug, if any: its old URL redirects. */
  readonly tagRedirect?: (slug: string) => Promise<string | undefined>;
  /** Declares pages cacheable with their dependency tags (src/render/cache); absent when the page cache is off. */
  readonly cache?: PageTagger;
}

const pageQuery = z.object({
  page: z.coerce.number({ error: 'page must be a whole number from 1' }).int('page must be a whole number from 1').min(1, 'page must be a whole number from 1').max(100_000).default(1),
});
// The page takes the API's filters; a repeated ?q= is read as one query, as the API reads it.
const searchQuery = pageQuery.extend({
  q: z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v.join(' ') : v)).default(''),
  ...searchInputSchema.pick({ section: true, tag: true, author: true, from: true, to: true }).shape,
  sort: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['relevance', 'date'], { error: searchMessages.sort }).optional()),
});
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The public pages, mounted once unprefixed (default variant) and once under each variant
 * prefix. Routes are thin: parse the URL, ask `SitePages` for a model, render it.
 */
export async function siteRoutes(app: FastifyInstance, opts: SiteRouteOptions): Promise<void> {
  const { pages, at } = opts;
  // Sent as bytes: for a string body Fastify measures it with Buffer.byteLength and the socket
  // encodes it again, two passes over ~25 KB of mostly three-byte characters per page.
  const html = (reply: FastifyReply, body: string) => reply.header('Cache-Control', 'public, max-age=60').type('text/html; charset=utf-8').send(utf8Bytes(body));
  const prefixed = (path: string) => (at.prefixed ? `/${variantPrefix(at.variant)}${path}` : path);
  const { cache } = opts;
  // `self` is the listing's own dependency tag: any change to what it lists purges all its pages.
  const listing = (reply: FastifyReply, m: ListingModel, self: string) => {
    cache?.listing(reply, m, self);
    return html(reply, renderListing(m));
  };

  app.get('/', async (_req, reply) => {
    const m = await pages.home(at);
    cache?.home(reply, m);
    return html(reply, renderHome(m));
  });

  app.get('/search', async (req, reply) => {
    const { q, page, ...rest } = parseOrThrow(searchQuery, req.query);
    // Only what was given: an absent filter is "any", and keys with undefined values would show as set.
    const filters = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as SearchFilters;
    return html(reply.header('Cache-Control', 'no-store'), renderSearch(await pages.search(at, q, page, filters)));
  });

  // A listing's later pages are paths (`…/page/2`); `?page=N` from older links redirects there.
  const laterPage = (req: FastifyRequest, reply: FastifyReply, pathOf: (n: number) => string): FastifyReply | undefined => {
    const { page } = parseOrThrow(pageQuery, req.query);
    return page > 1 ? reply.redirect(prefixed(pathOf(page)), 301) : undefined;
  };

  const tagPage = async (reply: FastifyReply, slug: string, page: number) => {
    try {
      return listing(reply, await pages.tag(at, slug, page), cacheTag.tag(slug));
    } catch (err) {
      // Only an unknown slug is worth a second look: it may be a renamed or merged tag.
      const moved = isAppError(err, 'JD_ERR_CONTENT_TAG_NOT_FOUND') && opts.tagRedirect ? await opts.tagRedirect(slug) : undefined;
      if (!moved) throw err;
      return reply.redirect(prefixed(urls.tagPage(moved, page)), 301);
    }
  };

  app.get('/tag/:slug', async (req: FastifyRequest<{ Params: { slug: string } }>, reply) => {
    return laterPage(req, reply, (n) => urls.tagPage(req.params.slug, n)) ?? tagPage(reply, req.params.slug, 1);
  });

  app.get('/tag/:slug/page/:n', async (req: FastifyRequest<{ Params: { slug: string; n: string } }>, reply) => {
    const n = pageNumber(req.params.n, req.url);
    if (n === 1) return reply.redirect(prefixed(urls.tag(req.params.slug)), 301);
    return tagPage(reply, req.params.slug, n);
  });

  app.get('/author/:slug', async (req: FastifyRequest<{ Params: { slug: string } }>, reply) => {
    const { slug } = req.params;
    return laterPage(req, reply, (n) => urls.authorPage(slug, n)) ?? listing(reply, await pages.author(at, slug, 1), cacheTag.author(slug));
  });

  app.get('/author/:slug/page/:n', async (req: FastifyRequest<{ Params: { slug: string; n: string } }>, reply) => {
    const { slug } = req.params;
    const n = pageNumber(req.params.n, req.url);
    if (n === 1) return reply.redirect(prefixed(urls.author(slug)), 301);
    return listing(reply, await pages.author(at, slug, n), cacheTag.author(slug));
  });

  const archivePage = async (req: FastifyRequest<{ Params: { year: string; month: string } }>, reply: FastifyReply, page: number) => {
    const { year, month } = req.params;
    if (!/^\d{4}$/.test(year) || !/^(0?[1-9]|1[0-2])$/.test(month)) throw new AppError('JD_ERR_HTTP_NOT_FOUND', { path: req.url });
    return listing(reply, await pages.archive(at, Number(year), Number(month), page), cacheTag.archive(Number(year), Number(month)));
  };

  app.get('/archive/:year/:month/', async (req: FastifyRequest<{ Params: { year: string; month: string } }>, reply) => {
    return laterPage(req, reply, (n) => urls.archivePage(Number(req.params.year), Number(req.params.month), n)) ?? archivePage(req, reply, 1);
  });

  app.get('/archive/:year/:month/page/:n', async (req: FastifyRequest<{ Params: { year: string; month: string; n: string } }>, reply) => {
    const n = pageNumber(req.params.n, req.url);
    if (n === 1) return reply.redirect(prefixed(urls.archive(Number(req.params.year), Number(req.params.month))), 301);
    return archivePage(req, reply, n);
  });

  app.get('/:section/', async (req: FastifyRequest<{ Params: { section: string } }>, reply) => {
    const slug = sectionSlug(req.params.section, req.url);
    return listing(reply, await pages.section(at, slug, 1), cacheTag.section(slug));
  });

  app.get('/:section/page/:n', async (req: FastifyRequest<{ Params: { section: string; n: string } }>, reply) => {
    const slug = sectionSlug(req.params.section, req.url);
    const n = pageNumber(req.params.n, req.url);
    if (n === 1) return reply.redirect(prefixed(`/${slug}/`), 301);
    return listing(reply, await pages.section(at, slug, n), cacheTag.section(slug));
  });

  app.get('/:section/:file', async (req: FastifyRequest<{ Params: { section: string; file: string } }>, reply) => {
    const ref = parseArticleFile(req.params.file);
    if (!ref) throw new AppError('JD_ERR_HTTP_NOT_FOUND', { path: req.url });
    const model = await pages.article(at, ref.id);
    // The id decides; a moved section or changed slug redirects to the one canonical path.
    if (`/${req.params.section}/${req.params.file}` !== model.article.url) return reply.redirect(prefixed(model.article.url), 301);
    cache?.article(reply, model);
    return html(reply, renderArticle(model));
  });
}

/** A page number in a path (`…/page/N`); anything else is a path that does not exist. */
function pageNumber(raw: string, url: string): number {
  if (!/^[1-9]\d{0,5}$/.test(raw)) throw new AppError('JD_ERR_HTTP_NOT_FOUND', { path: url });
  return Number(raw);
}

function sectionSlug(raw: string, url: string): string {
  if (!SLUG.test(raw)) throw new AppError('JD_ERR_HTTP_NOT_FOUND', { path: url });
  return raw;
}
