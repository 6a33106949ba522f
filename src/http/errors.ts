import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../errors/index.js';
import { isDatabaseOutage, messages as outageMessages } from './db-outage.js';

/** Renders an HTML error page for a public path; given by the site. */
export type ErrorPageRenderer = (req: FastifyRequest, status: 404 | 400 | 410, message: string) => Promise<string>;

/**
 * The one place errors become responses. API paths get the JSON envelope
 * `{error:{code,message,fields}}`; pages get the site's error page. A user's mistake is a 4xx;
 * only our own faults are 500, logged, and never show internals.
 */
export function installErrorHandling(app: FastifyInstance, renderPage: ErrorPageRenderer): void {
  app.setNotFoundHandler(async (req, reply) => respond(req, reply, new AppError('JD_ERR_HTTP_NOT_FOUND', { path: req.url.split('?')[0] }), renderPage));
  app.setErrorHandler(async (err: FastifyError | Error, req, reply) => {
    const appError = toAppError(err);
    if (appError.code === 'JD_ERR_DB_UNAVAILABLE') {
      // Logged as a warning (an outage, not a bug), and the client is told when to retry.
      req.log.warn({ err }, 'database unavailable');
      reply.header('Retry-After', '5');
    } else if (appError.status >= 500) req.log.error({ err }, 'request failed');
    return respond(req, reply, appError, renderPage);
  });
}

function toAppError(err: FastifyError | Error): AppError {
  // A service's own 500 wrapping a lost database connection is an outage too.
  if (isAppError(err)) return err.status >= 500 && isDatabaseOutage(err.cause) ? new AppError('JD_ERR_DB_UNAVAILABLE', {}, { cause: err }) : err;
  const status = (err as FastifyError).statusCode;
  // Fastify's own 4xx errors: malformed JSON, bad content type, body too large, bad URL.
  if (status !== undefined && status >= 400 && status < 500) {
    if (status === 404) return new AppError('JD_ERR_HTTP_NOT_FOUND', { path: '' });
    // A body over a route's bodyLimit says so, rather than passing for a malformed one.
    if (status === 413) return new AppError('JD_ERR_HTTP_BODY_TOO_LARGE', {}, { cause: err });
    return new AppError('JD_ERR_HTTP_BAD_REQUEST', { detail: err.message }, { cause: err });
  }
  // The database went away under us: not the client's fault, and worth a retry.
  if (isDatabaseOutage(err)) return new AppError('JD_ERR_DB_UNAVAILABLE', {}, { cause: err });
  return new AppError('JD_ERR_INTERNAL', {}, { cause: err });
}

async function respond(req: FastifyRequest, reply: FastifyReply, e: AppError, renderPage: ErrorPageRenderer) {
  const status = e.status;
  const message = e.isPublic ? e.message : 'something went wrong on our side';
  reply.code(status).header('Cache-Control', 'no-store');
  if (req.url.startsWith('/api/') || !wantsHtml(req)) {
    // `extra` (e.g. `current` on a 409) only travels with public errors.
    const extra = e.isPublic && e.extra ? e.extra : {};
    return reply.type('application/json; charset=utf-8').send({ ...extra, error: { code: e.code, message, ...(e.fields ? { fields: e.fields } : {}) } });
  }
  if (status === 404 || status === 400 || status === 410) {
    try {
      // A 404 page explains itself in the reader's language; a 400 says what was wrong.
      return reply.type('text/html; charset=utf-8').send(await renderPage(req, status, status === 400 ? message : ''));
    } catch (renderErr) {
      req.log.error({ err: renderErr }, 'error page failed');
    }
  }
  if (e.code === 'JD_ERR_DB_UNAVAILABLE') return reply.type('text/plain; charset=utf-8').send(outageMessages.page);
  return reply.type('text/plain; charset=utf-8').send(status >= 500 ? '500 伺服器錯誤 / server error' : `${status} ${message}`);
}

function wantsHtml(req: FastifyRequest): boolean {
  const accept = req.headers.accept ?? '';
  if (accept === '' || accept.includes('*/*') || accept.includes('text/html')) return req.method === 'GET' || req.method === 'HEAD';
  return false;
}
