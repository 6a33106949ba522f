import { loadConfig } from '../../config/index.js';
import { createContainer } from '../../container.js';
import { DemoRepo } from '../../demo/demo.repo.js';
import { loadDemo } from '../../demo/load.js';
import { AppError } from '../../errors/index.js';
import { configFlags, GLOBAL_HELP, type Command } from '../args.js';

/** `jiaodian demo`: load the demo newsroom. */
export const demoCommand: Command = {
  name: 'demo',
  summary: 'load the demo newsroom',
  help: `Usage: jiaodian demo [--reset] [--data DIR] [--database-url URL]

Loads the demo newsroom: original, fictional articles in several sections, in Simplified and
Traditional Chinese, with authors, tags, sources and generated images. Into a site that already
has content it loads only with --reset, which first removes all articles, sections, tags and
media (accounts with an e-mail address are kept).

  --reset               remove existing content, then load the demo
${GLOBAL_HELP}`,
  options: { reset: { type: 'boolean' } },
  async run(args, io) {
    const config = loadConfig(configFlags(args.values), io.env);
    const c = await createContainer(config);
    try {
      const reset = args.values.reset === true;
      if (!reset && !(await new DemoRepo(c.db.kysely).isEmpty())) {
        throw new AppError('JD_ERR_CLI_USAGE', { detail: 'this site already has content: use jiaodian demo --reset to replace it with the demo' });
      }
      const r = await loadDemo(c, { reset });
      io.out(`Loaded the demo newsroom into ${c.db.describe}: ${r.articles} articles, ${r.sections} sections, ${r.tags} tags, ${r.authors} authors.\n`);
    } finally {
      await c.close();
    }
    return 0;
  },
};
