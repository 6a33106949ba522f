// The demo newsroom behind the whole HTTP application, for tests that read the public surface
// as a browser or an API client does (through inject, so no port is taken).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { testConfig } from '../config/index.js';
import { createContainer, type Container } from '../container.js';
import { openSqlite } from '../db/index.js';
import { loadDemo } from '../demo/load.js';
import { buildServer } from './server.js';

/** A demo site: its container, its application and a GET helper. */
export interface DemoSite {
  readonly c: Container;
  readonly app: FastifyInstance;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  /** Closes the application and the container and removes the data folder. */
  close(): Promise<void>;
}

/**
 * Loads the demo newsroom into an in-memory SQLite database with its media in a fresh folder,
 * and builds the server over it, with `flags` over the test configuration.
 *
 * @example
 * const site = await openDemoSite({ 'site-url': 'https://news.example.com' });
 * const home = await site.get('/');
 */
export async function openDemoSite(flags: Record<string, string> = {}): Promise<DemoSite> {
  const dir = mkdtempSync(join(tmpdir(), 'jd-demo-site-'));
  const c = await createContainer(testConfig({ data: dir, ...flags }), { db: openSqlite(':memory:') });
  await loadDemo(c);
  const app = await buildServer(c);
  return {
    c,
    app,
    get: (url, headers = {}) => app.inject({ method: 'GET', url, headers }),
    close: async () => {
      await app.close();
      await c.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
