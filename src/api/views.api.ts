import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, parseOrThrow } from '../errors/index.js';
import { PIXEL_GIF, VIEWS_ENDPOINT, VIEWS_PIXEL } from '../recommend/beacon-script.js';
import { optedOut, SESSION_ID } from '../recommend/privacy.js';
import type { ViewIngest } from '../recommend/views-ingest.js';

/**
 * Largest beacon body accepted. A real one is about 60 bytes (`{"a":123456,"s":"…32 hex…"}`);
 * anything much larger is not from our script and is refused with 413 before it is read.
 */
export const BEACON_BODY_LIMIT = 512;

const articleId = 'the article id, a whole number from 1';
/** A beacon's body: the article id and, from the page's script, the session id. */
export const beaconBody = z.object({
  a: z.number({ error: articleId }).int(articleId).min(1, articleId).max(2_147_483_647, articleId),
  s: z.string({ error: 'a session id of 16 to 64 letters, digits, - or _' }).regex(SESSION_ID, 'a session id of 16 to 64 letters, digits, - or _').optional(),
});
const pixelQuery = z.object({
  a: z.string({ error: articleId }).regex(/^[1-9]\d{0,9}$/, articleId).transform(Number),
});

/** Options of the views routes. */
export interface ViewsApiOptions {
  readonly ingest: ViewIngest;
}

/**
 * The views beacon, public like any page: `POST /api/v1/views` (sendBeacon from the article
 * page; JSON sent as `text/plain` or `application/json`) answers 204, and `GET
 * /api/v1/views/pixel.gif?a=ID` (the `<noscript>` image) answers a 1×1 GIF. Both only hand the
 * beacon to the in-memory ingestion and return: no database work on the request path.
 *
 * Registered as a Fastify plugin rather than through the endpoint pipeline, which serializes
 * JSON with ETags: these answer 204 or an image. Validation and errors still go the shared way
 * (`parseOrThrow`, AppError, the one error handler): a malformed or mistyped body is a 400 with
 * field messages, an oversized one a 413, an unknown article id a 204 like any other (a
 * beacon's sender learns nothing), and no input gives a 500.
 */
export async function viewsRoutes(app: FastifyInstance, opts: ViewsApiOptions): Promise<void> {
  const { ingest } = opts;
  // sendBeacon with a string sends text/plain (no CORS preflight anywhere); it holds JSON. This
  // parser is scoped to this plugin: text/plain elsewhere is untouched.
  app.addContentTypeParser('text/plain', { parseAs: 'string', bodyLimit: BEACON_BODY_LIMIT }, (_req, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(new AppError('JD_ERR_HTTP_BAD_REQUEST', { detail: 'the body is not valid JSON' }));
    }
  });

  // Synchronous handlers: nothing here awaits, and a beacon should cost no more than it must.
  app.post(VIEWS_ENDPOINT, { bodyLimit: BEACON_BODY_LIMIT }, (req, reply) => {
    const body = parseOrThrow(beaconBody, req.body);
    record(ingest, req, body.a, body.s);
    reply.code(204).header('Cache-Control', 'no-store').send();
  });

  app.get(VIEWS_PIXEL, (req, reply) => {
    const query = parseOrThrow(pixelQuery, req.query);
    // HEAD asks about the image; it is not a reader seeing it.
    if (req.method === 'GET') record(ingest, req, query.a, undefined);
    reply.code(200).type('image/gif').header('Cache-Control', 'no-store, private').send(PIXEL_GIF);
  });

  await ingest.start();
  // The server's close writes what is buffered before the database closes.
  app.addHook('onClose', async () => ingest.close());
}

function record(ingest: ViewIngest, req: FastifyRequest, articleId: number, sessionId: string | undefined): void {
  ingest.record({ articleId, sessionId, address: req.ip, userAgent: req.headers['user-agent'], optedOut: optedOut(req.headers) });
}
