import type { FastifyRequest } from 'fastify';

/** A query parameter as one string (the first when repeated), or undefined. */
export function qs(req: FastifyRequest, name: string): string | undefined {
  const v = (req.query as Record<string, unknown> | undefined)?.[name];
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' && s.trim() !== '' ? s.trim().slice(0, 200) : undefined;
}

/** A whole-number query parameter within [min, max]; anything else is `fallback` (a page list never fails on a bad link). */
export function qint(req: FastifyRequest, name: string, fallback: number, min = 1, max = 100_000): number {
  const s = qs(req, name);
  if (!s || !/^\d{1,9}$/.test(s)) return fallback;
  const n = Number(s);
  return n < min || n > max ? fallback : n;
}
