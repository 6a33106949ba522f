import type { FastifyReply, FastifyRequest } from 'fastify';
import { etagFor } from '../../http/etag.js';

/** A machine-read document and how long caches may keep it. */
export interface CachedDocument {
  /** Full Content-Type, with charset. */
  readonly type: string;
  readonly body: string;
  /** Seconds shared caches and clients may reuse it. */
  readonly maxAge: number;
}

/**
 * Sends a feed, sitemap or robots.txt with a strong ETag and Cache-Control, answering 304 when
 * the client already holds it. Feed readers poll often; most polls then cost no body.
 */
export function sendCached(req: FastifyRequest, reply: FastifyReply, doc: CachedDocument): FastifyReply {
  const etag = etagFor(doc.body);
  reply.header('ETag', etag).header('Cache-Control', `public, max-age=${doc.maxAge}`).header('Vary', 'Accept-Encoding');
  if (matches(req.headers['if-none-match'], etag)) return reply.code(304).send();
  return reply.type(doc.type).send(doc.body);
}

// If-None-Match may list several tags, weak ones included (a compressing proxy weakens ours):
// RFC 9110 compares them weakly for GET.
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}
