import type { FastifyInstance } from 'fastify';
import type { Config } from './config/index.js';
import { createContainer, type Container } from './container.js';
import { loadDemoIfEmpty } from './demo/load.js';
import { AppError } from './errors/index.js';
import { openProcessLinks, type ProcessLinks } from './events/process-links.js';
import { buildServer } from './http/server.js';

/** A running server. */
export interface Running {
  readonly container: Container;
  readonly app: FastifyInstance;
  /** The address it listens on, e.g. http://127.0.0.1:3000 */
  readonly url: string;
  /** How it reaches the other processes of the site: `redis`, `ipc` (a worker) or `local`. */
  readonly links: ProcessLinks['kind'];
  close(): Promise<void>;
}

/** How a server starts. */
export interface StartOptions {
  /**
   * A worker of `serve --workers N`: the primary has migrated the database and loaded the demo
   * already, so that N workers do not race to do it.
   */
  readonly worker?: boolean;
}

/**
 * Starts Jiaodian: config → links to the other processes (Redis, IPC or none) → database
 * (migrated) → services → demo content on a new site → HTTP → the publishing scheduler. A busy
 * port becomes JD_ERR_HTTP_PORT_IN_USE with the fix in its message.
 */
export async function startServer(config: Config, options: StartOptions = {}): Promise<Running> {
  const links = await openProcessLinks(config);
  let container: Container;
  try {
    container = await createContainer(config, { cluster: links.cluster, lease: links.lease, rates: links.rates, migrate: !options.worker });
  } catch (err) {
    await links.close();
    throw err;
  }
  try {
    if (config.demo === 'auto' && !options.worker) await loadDemoIfEmpty(container);
    const app = await buildServer(container);
    try {
      await app.listen({ host: config.host, port: config.port });
    } catch (err) {
      await app.close();
      if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new AppError('JD_ERR_HTTP_PORT_IN_USE', { host: config.host, port: config.port }, { cause: err });
      throw err;
    }
    // Scheduled articles publish while the server runs: the first round catches up on any
    // embargo that passed while it was down. Every process runs it; its claim is a conditional
    // UPDATE, so an article still publishes once (and on time, whichever process scheduled it).
    container.newsroom.scheduler.start();
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    return {
      container,
      app,
      url: `http://${host}:${port}`,
      links: links.kind,
      close: async () => {
        await container.newsroom.scheduler.stop();
        await app.close();
        await container.close();
        await links.close();
      },
    };
  } catch (err) {
    await container.close();
    await links.close();
    throw err;
  }
}
