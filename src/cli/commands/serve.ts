import cluster from 'node:cluster';
import { loadConfig } from '../../config/index.js';
import { AppError } from '../../errors/index.js';
import { startServer } from '../../main.js';
import { tuneHeapForServing } from '../../http/heap-tuning.js';
import { runPrimary } from '../../http/workers.js';
import { createContainer } from '../../container.js';
import { loadDemoIfEmpty } from '../../demo/load.js';
import { configFlags, GLOBAL_HELP, type Command } from '../args.js';

/** Most workers one host may ask for. */
const MAX_WORKERS = 64;

/** `jiaodian serve`: the whole site, API and newsroom in one process, or in N workers. */
export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the site, API and newsroom',
  help: `Usage: jiaodian serve [--port N] [--host H] [--workers N] [--data DIR] [--database-url URL] [--redis-url URL]

Serves the public portal, the content API and the newsroom. Migrates the database first and,
on a new site, loads the demo newsroom (set JIAODIAN_DEMO=off to start empty).

  --port N              port to listen on (env PORT, default 3000)
  --host H              address to listen on (env HOST, default 127.0.0.1)
  --workers N           run N worker processes on this host, all on the same port (default 1);
                        a worker that dies is restarted. Their caches stay in step over Redis
                        with --redis-url (REDIS_URL), otherwise through this primary process.
                        Works over SQLite (WAL; one writer at a time) and PostgreSQL.
  --redis-url URL       redis:// URL shared by every process of the site (env REDIS_URL):
                        cache purges between processes and leases of background jobs
${GLOBAL_HELP}`,
  options: { workers: { type: 'string' } },
  async run(args, io) {
    const config = loadConfig(configFlags(args.values), io.env);
    const workers = parseWorkers(args.values.workers);
    if (workers > 1 && cluster.isPrimary) {
      // Migrate and load the demo once, here, rather than in N workers racing each other.
      const c = await createContainer(config);
      try {
        if (config.demo === 'auto') await loadDemoIfEmpty(c);
      } finally {
        await c.close();
      }
      const host = config.host.includes(':') ? `[${config.host}]` : config.host;
      return runPrimary({ workers, host, out: io.out, err: io.err });
    }
    tuneHeapForServing();
    const running = await startServer(config, { worker: cluster.isWorker });
    if (!cluster.isWorker) io.out(`Jiaodian is serving ${config.siteName} at ${running.url}/ (${running.container.db.describe})\n`);
    await new Promise<void>((resolve) => {
      const stop = () => {
        if (!cluster.isWorker) io.out('Shutting down…\n');
        running.close().then(resolve, resolve);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
};

/** `--workers`: a whole number from 1 to 64 (absent: 1). */
function parseWorkers(value: string | boolean | undefined): number {
  if (value === undefined) return 1;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_WORKERS) throw new AppError('JD_ERR_CLI_USAGE', { detail: `--workers must be a whole number from 1 to ${MAX_WORKERS}, not ${JSON.stringify(value)}` });
  return n;
}
