import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { tag, type PageTagger } from '../../render/cache/tags.js';
import type { Addressing } from '../chrome.js';
import { ATOM_TYPE, renderAtom } from './atom.js';
import { FeedBuilder, type FeedBuilderDeps, type FeedModel, type FeedScope } from './feed-model.js';
import { JSON_FEED_TYPE, renderJsonFeed } from './json-feed.js';
import { sendCached } from './respond.js';
import { RSS_TYPE, renderRss } from './rss.js';

/** Seconds caches may keep a feed: new articles show within minutes, polls stay cheap. */
export const FEED_MAX_AGE = 300;

/** Options of one mount of the feed routes. */
export interface FeedRouteOptions extends FeedBuilderDeps {
  readonly at: Addressing;
  /** Declares feeds cacheable with their dependency tags (src/render/cache); absent when the page cache is off. */
  readonly cache?: PageTagger;
}

/** The three formats, by file name. */
const FORMATS = [
  { file: 'feed.xml', type: RSS_TYPE, render: renderRss },
  { file: 'atom.xml', type: ATOM_TYPE, render: renderAtom },
  { file: 'feed.json', type: JSON_FEED_TYPE, render: renderJsonFeed },
] as const satisfies ReadonlyArray<{ file: string; type: string; render: (f: FeedModel) => string }>;

/**
 * RSS 2.0, Atom 1.0 and JSON Feed 1.1 for the site (`/feed.xml`, `/atom.xml`, `/feed.json`),
 * each section with its sub-sections (`/{section}/feed.xml` …) and each tag
 * (`/tag/{tag}/feed.xml` …), in the mount's variant. Mounted like the pages: once unprefixed
 * and once per variant prefix. A prefixed feed of the default variant is the same document as
 * the unprefixed one: its links are canonical, so both share an ETag.
 */
export async function feedRoutes(app: FastifyInstance, opts: FeedRouteOptions): Promise<void> {
  const builder = new FeedBuilder(opts);
  for (const f of FORMATS) {
    const serve = async (req: FastifyRequest, reply: FastifyReply, scope: FeedScope) => {
      const model = await builder.build(scope, opts.at.variant);
      // The site feed is purged with every listing change; section and tag feeds with their listing.
      opts.cache?.feed(reply, scope.kind === 'site' ? tag.feed : scope.kind === 'section' ? tag.section(scope.slug) : tag.tag(scope.slug), model.items.map((i) => i.url));
      return sendCached(req, reply, { type: f.type, body: f.render(model), maxAge: FEED_MAX_AGE });
    };
    app.get(`/${f.file}`, (req, reply) => serve(req, reply, { kind: 'site' }));
    app.get(`/:section/${f.file}`, (req: FastifyRequest<{ Params: { section: string } }>, reply) => serve(req, reply, { kind: 'section', slug: req.params.section }));
    app.get(`/tag/:slug/${f.file}`, (req: FastifyRequest<{ Params: { slug: string } }>, reply) => serve(req, reply, { kind: 'tag', slug: req.params.slug }));
  }
}
