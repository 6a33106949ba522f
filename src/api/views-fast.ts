import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError, isAppError, parseOrThrow } from '../errors/index.js';
import type { AnswerBatch } from '../http/answer-batch.js';
import type { FastHandler } from '../http/fast-path.js';
import { securityHeadersFor } from '../http/security-headers.js';
import { VIEWS_ENDPOINT } from '../recommend/beacon-script.js';
import { optedOut, SESSION_ID } from '../recommend/privacy.js';
import type { ViewIngest } from '../recommend/views-ingest.js';
import { clientAddress } from './client-address.js';
import { BEACON_BODY_LIMIT, beaconBody } from './views.api.js';

/** Dependencies of the fast beacon handler. */
export interface ViewsFastOptions {
  readonly ingest: ViewIngest;
  /** The `trustProxy` setting, so the reader's address is the one Fastify's `req.ip` would give. */
  readonly trustProxy: string;
  /** The fast path's batch: a beacon's 204 is written with the turn's other ready answers. */
  readonly answers: AnswerBatch;
}

// Headers of every answer, fixed: what the Fastify route and the security-header hook send.
const NO_CONTENT_HEADERS = { 'Cache-Control': 'no-store', ...securityHeadersFor(VIEWS_ENDPOINT, '') };
const ERROR_HEADERS = { 'Cache-Control': 'no-store', 'Content-Type': 'application/json; charset=utf-8', ...securityHeadersFor(VIEWS_ENDPOINT, 'application/json; charset=utf-8') };

/**
 * `POST /api/v1/views` answered on the bare `node:http` request, before Fastify: beacons come
 * at many times the page rate, and Fastify's routing, hooks and reply object cost more than
 * deciding on a beacon does. It takes only what sendBeacon sends, a `text/plain` body of
 * known length within the limit, and does exactly what the Fastify route does with it (the
 * same body schema, the same ingestion: bot filter, Do-Not-Track / Sec-GPC, the per-address
 * rate limit, de-duplication); 204, or 400 with the same error envelope. Anything else (JSON
 * content type, chunked or oversized bodies, other methods and paths) is left to the Fastify
 * route, which stays the documented one (OpenAPI) and answers those as before.
 *
 * @example
 * fast.add(viewsFastHandler({ ingest: c.views.ingest, trustProxy: c.config.trustProxy, answers: fast.answers }));
 */
export function viewsFastHandler(options: ViewsFastOptions): FastHandler {
  const { ingest, answers } = options;
  const addressOf = clientAddress(options.trustProxy);
  return (req, res) => {
    if (req.method !== 'POST' || (req.url !== VIEWS_ENDPOINT && req.url !== `${VIEWS_ENDPOINT}/`)) return false;
    const type = req.headers['content-type'];
    if (type === undefined || !/^text\/plain\s*(;|$)/i.test(type)) return false;
    const declared = req.headers['content-length'];
    if (declared === undefined || req.headers['content-encoding'] !== undefined || req.headers['transfer-encoding'] !== undefined) return false;
    const length = Number(declared);
    if (!/^\d+$/.test(declared) || length > BEACON_BODY_LIMIT) return false;
    readBody(req, length, (body) => {
      if (body === undefined) return fail(res, new AppError('JD_ERR_HTTP_BAD_REQUEST', { detail: 'Request body size did not match Content-Length' }));
      try {
        const beacon = parse(body);
        ingest.record({ articleId: beacon.a, sessionId: beacon.s, address: addressOf(req), userAgent: req.headers['user-agent'], optedOut: optedOut(req.headers) });
        answers.add(res, 204, NO_CONTENT_HEADERS);
      } catch (err) {
        fail(res, isAppError(err) ? err : new AppError('JD_ERR_HTTP_BAD_REQUEST', { detail: 'the beacon could not be read' }));
      }
    });
    return true;
  };
}

/** The beacon in `body`: a quick check for the shape our script sends, the schema's errors otherwise. */
function parse(body: string): { a: number; s?: string | undefined } {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new AppError('JD_ERR_HTTP_BAD_REQUEST', { detail: 'the body is not valid JSON' });
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const { a, s } = value as { a?: unknown; s?: unknown };
    if (typeof a === 'number' && Number.isInteger(a) && a >= 1 && a <= 2_147_483_647 && (s === undefined || (typeof s === 'string' && SESSION_ID.test(s)))) {
      return { a, s };
    }
  }
  return parseOrThrow(beaconBody, value);
}

/** Reads exactly `length` bytes as UTF-8; undefined when the body is longer or shorter. */
function readBody(req: IncomingMessage, length: number, done: (body: string | undefined) => void): void {
  const chunks: Buffer[] = [];
  let received = 0;
  let finished = false;
  const finish = (body: string | undefined) => {
    if (finished) return;
    finished = true;
    done(body);
  };
  req.on('data', (chunk: Buffer) => {
    received += chunk.length;
    if (received > length) {
      // More than announced: stop reading, answer, and let the connection go.
      req.pause();
      finish(undefined);
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => finish(received === length ? Buffer.concat(chunks, received).toString('utf8') : undefined));
  req.on('error', () => {
    finished = true;
  });
}

function fail(res: ServerResponse, e: AppError): void {
  if (res.headersSent) return;
  const body = JSON.stringify({ error: { code: e.code, message: e.message, ...(e.fields ? { fields: e.fields } : {}) } });
  res.writeHead(e.status, { ...ERROR_HEADERS, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}
