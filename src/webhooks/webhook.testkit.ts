import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got. */
export interface Received {
  readonly path: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/**
 * A webhook receiver on 127.0.0.1 (never anywhere else): it records every request and answers
 * with the status set for its path (200 unless told), or never answers for `hang`.
 */
export class Receiver {
  readonly received: Received[] = [];
  readonly status = new Map<string, number | 'hang'>();
  #server: Server | undefined;
  #port = 0;

  async start(): Promise<this> {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '/';
        this.received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const status = this.status.get(path) ?? 200;
        if (status === 'hang') return;
        res.writeHead(status, status >= 300 && status < 400 ? { location: 'http://169.254.169.254/' } : {}).end('ok');
      });
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    this.#port = (this.#server.address() as AddressInfo).port;
    return this;
  }

  /** A URL of this receiver. */
  url(path: string): string {
    return `http://127.0.0.1:${this.#port}${path}`;
  }

  /** Requests to one path. */
  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  async close(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
  }
}

/** A loopback URL where nothing listens (connection refused). */
export async function closedPortUrl(): Promise<string> {
  const r = await new Receiver().start();
  const url = r.url('/gone');
  await r.close();
  return url;
}
