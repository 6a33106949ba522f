import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { performance } from 'node:perf_hooks';
import { checkWebhookUrl, guardedLookup } from './url-policy.js';

/** One HTTP attempt to deliver. */
export interface SendRequest {
  readonly url: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** How an attempt went: `ok` only for a 2xx answer. */
export interface SendResult {
  readonly ok: boolean;
  readonly statusCode: number | null;
  readonly durationMs: number;
  /** Empty when ok; else why, in a line an admin understands. */
  readonly error: string;
}

/** Sends a delivery; swapped in tests only to simulate what a socket cannot. */
export type Sender = (req: SendRequest) => Promise<SendResult>;

/**
 * POSTs with Node's own HTTP client: the URL is checked again (it may predate a policy change),
 * the DNS answer is checked by `guardedLookup`, redirects are not followed (a 3xx could point
 * anywhere, including a metadata address) and the answer's body is discarded unread.
 */
export function httpSender(options: { timeoutMs?: number } = {}): Sender {
  const timeoutMs = options.timeoutMs ?? 10_000;
  return (req) =>
    new Promise<SendResult>((resolve) => {
      const started = performance.now();
      let finished = false;
      // A deadline for the whole exchange, not just idle time: a receiver that trickles bytes
      // must not hold a delivery slot.
      const abort = new AbortController();
      const deadline = setTimeout(() => abort.abort(), timeoutMs);
      const done = (statusCode: number | null, error: string) => {
        if (finished) return;
        finished = true;
        resolve({ ok: error === '', statusCode, durationMs: Math.round(performance.now() - started), error });
      };
      const checked = checkWebhookUrl(req.url);
      if ('error' in checked) return done(null, checked.error);
      const url = new URL(checked.url);
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const r = send(
        url,
        {
          method: 'POST',
          headers: { ...req.headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(req.body), 'user-agent': 'Jiaodian-Webhook/1' },
          lookup: guardedLookup,
          signal: abort.signal,
        },
        (res) => {
          res.resume();
          const code = res.statusCode ?? 0;
          if (code >= 200 && code < 300) return done(code, '');
          done(code, code >= 300 && code < 400 ? `HTTP ${code}: redirects are not followed` : `HTTP ${code}`);
        },
      );
      // The deadline also bounds reading (and discarding) the answer's body.
      r.on('close', () => clearTimeout(deadline));
      r.on('error', (err: NodeJS.ErrnoException) => done(null, abort.signal.aborted ? `no answer within ${timeoutMs / 1000} s` : describe(err)));
      r.end(req.body);
    });
}

function describe(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
      return 'host not found';
    case 'ECONNRESET':
      return 'connection reset';
    default:
      return err.message || String(err.code ?? 'request failed');
  }
}
