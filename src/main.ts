import type { FastifyInstance } from 'fastify';
import type { Config } from './config/index.js';
import { createContainer, type Container } from './container.js';
import { loadDemoIfEmpty } from './demo/load.js';
import { AppError } from './errors/index.js';
import { buildServer } from './http/server.js';

/** A running server. */
export interface Running {
  readonly container: Container;
  readonly app: FastifyInstance;
  /** The address it listens on, e.g. http://127.0.0.1:3000 */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Starts Jiaodian: config → database (migrated) → services → demo content on a new site →
 * HTTP → the publishing scheduler. A busy port becomes JD_ERR_HTTP_PORT_IN_USE with the fix in
 * its message.
 */
export async function startServer(config: Config): Promise<Running> {
  const container = await createContainer(config);
  try {
    if (config.demo === 'auto') await loadDemoIfEmpty(container);
    const app = await buildServer(container);
    try {
      await app.listen({ host: config.host, port: config.port });
    } catch (err) {
      await app.close();
      if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new AppError('JD_ERR_HTTP_PORT_IN_USE', { host: config.host, port: config.port }, { cause: err });
      throw err;
    }
    // Scheduled articles publish while the server runs: the first round catches up on any
    // embargo that passed while it was down.
    container.newsroom.scheduler.start();
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    return {
      container,
      app,
      url: `http://${host}:${port}`,
      close: async () => {
        await container.newsroom.scheduler.stop();
        await app.close();
        await container.close();
      },
    };
  } catch (err) {
    await container.close();
    throw err;
  }
}
