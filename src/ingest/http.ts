import type { FastifyInstance } from 'fastify';
import { adminImportEndpoints } from '../api/admin-imports.api.js';
import { registerEndpoints } from '../api/endpoint.js';
import type { Container } from '../container.js';
import { isAppError } from '../errors/index.js';
import { IngestRepo } from './ingest.repo.js';
import { FeedPoller, Subscriptions } from './subscriptions.js';
import { oldPathOf } from './urls.js';
import { importerOf } from './wiring.js';

// URL shapes of WordPress permalinks, which Jiaodian's own URLs never have: `/?p=123`,
// `/?page_id=5`, `/index.php?p=…`, `/2024/05/slug/`, `/archives/123`. Only these cost a lookup.
const OLD_SHAPES = /^\/(?:index\.php)?\?(?:p|page_id)=\d+(?:&|$)|^\/\d{4}\/\d{2}\/|^\/archives\/\d+/;

/**
 * The importers' part of the HTTP server, installed on the root app before the site routes:
 * 301 redirects from imported old URLs to the articles they became (only for published
 * articles; others fall through to the usual 404), the admin import API, and the feed poller
 * (started here, stopped when the server closes). Call once, from `buildServer`.
 */
export async function installIngest(app: FastifyInstance, c: Container, authenticate: Parameters<typeof registerEndpoints>[2] = {}): Promise<void> {
  const repo = new IngestRepo(c.db.kysely);
  app.addHook('onRequest', async (req, reply) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !OLD_SHAPES.test(req.url)) return;
    const path = oldPathOf(req.url);
    const id = path ? await repo.redirectFor(path) : undefined;
    if (!id) return;
    try {
      const article = await c.site.reader.published(id);
      return reply.code(301).header('Location', article.url).header('Cache-Control', 'public, max-age=86400').send();
    } catch (err) {
      if (isAppError(err) && err.status < 500) return;
      throw err;
    }
  });
  const importer = importerOf(c);
  registerEndpoints(app, adminImportEndpoints({ importer }), authenticate);
  const poller = new FeedPoller({
    subscriptions: new Subscriptions({ db: c.db.kysely, importer, now: () => new Date() }),
    lease: c.lease,
    onError: (err) => app.log.warn({ err }, 'feed polling failed'),
  });
  poller.start();
  app.addHook('onClose', async () => poller.stop());
}
