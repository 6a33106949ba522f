/**
 * Recognizes a database that went away under a running server, from the error alone (routes
 * never import the database driver). PostgreSQL: the server refusing or dropping connections
 * (ECONNREFUSED, ECONNRESET, …), shutting down or restarting (SQLSTATE 57P01–57P03, class 08),
 * or pg reporting a terminated connection or a pool timeout. SQLite: the file is locked for
 * longer than the busy timeout, or can no longer be opened.
 *
 * Such a request answers 503 `JD_ERR_DB_UNAVAILABLE` instead of a 500: the client did nothing
 * wrong and may retry.
 *
 * @example
 * if (isDatabaseOutage(err)) return new AppError('JD_ERR_DB_UNAVAILABLE', {}, { cause: err });
 */
export function isDatabaseOutage(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (isOutageError(e as { code?: unknown; message?: unknown; errors?: unknown })) return true;
  }
  return false;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now; class 08: connection exceptions.
const PG_STATES = /^(57P0[123]|08\d{3}|53300)$/;
const SQLITE_CODES = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_CANTOPEN', 'SQLITE_IOERR']);
const MESSAGES = [/connection terminated/i, /timeout exceeded when trying to connect/i, /client has encountered a connection error/i, /cannot use a pool after calling end/i, /database connection is not open/i];

function isOutageError(e: { code?: unknown; message?: unknown; errors?: unknown }): boolean {
  const code = typeof e.code === 'string' ? e.code : '';
  if (NETWORK_CODES.has(code) || PG_STATES.test(code) || SQLITE_CODES.has(code) || code.startsWith('SQLITE_IOERR')) return true;
  if (typeof e.message === 'string' && MESSAGES.some((m) => m.test(e.message as string))) return true;
  // Node's AggregateError (a host resolving to several addresses, all refusing).
  return Array.isArray(e.errors) && e.errors.some((x) => x && typeof x === 'object' && isOutageError(x as { code?: unknown }));
}

/** What a reader sees when a page cannot be made for want of the database. */
export const messages = {
  page: '503 資料庫暫時無法使用，請稍後再試 / the database is unavailable right now; try again in a moment',
} as const;
