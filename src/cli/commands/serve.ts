import { loadConfig } from '../../config/index.js';
import { startServer } from '../../main.js';
import { configFlags, GLOBAL_HELP, type Command } from '../args.js';

/** `jiaodian serve`: the whole site, API and newsroom in one process. */
export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the site, API and newsroom',
  help: `Usage: jiaodian serve [--port N] [--host H] [--data DIR] [--database-url URL]

Serves the public portal, the content API and the newsroom. Migrates the database first and,
on a new site, loads the demo newsroom (set JIAODIAN_DEMO=off to start empty).

  --port N              port to listen on (env PORT, default 3000)
  --host H              address to listen on (env HOST, default 127.0.0.1)
${GLOBAL_HELP}`,
  options: {},
  async run(args, io) {
    const config = loadConfig(configFlags(args.values), io.env);
    const running = await startServer(config);
    io.out(`Jiaodian is serving ${config.siteName} at ${running.url}/ (${running.container.db.describe})\n`);
    await new Promise<void>((resolve) => {
      const stop = () => {
        io.out('Shutting down…\n');
        running.close().then(resolve, resolve);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
};
