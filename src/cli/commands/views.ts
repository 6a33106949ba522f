import { loadConfig } from '../../config/index.js';
import { createContainer } from '../../container.js';
import { AppError } from '../../errors/index.js';
import { configFlags, GLOBAL_HELP, type Command } from '../args.js';

/** `jiaodian views top`: the most read articles, as editors see the counts. */
export const viewsCommand: Command = {
  name: 'views',
  summary: 'reading counts (views top)',
  help: `Usage: jiaodian views top [--days N] [--limit N] [--section SLUG] [--json]

Lists the most read published articles: views, article id, title and path, one a line.
Counts come from the views beacon on article pages (bots, Do-Not-Track and Global Privacy
Control readers are not counted) and are at most a few seconds behind a running server.

  --days N              over the last N days, 1 to 7 (hourly counts are kept 8 days);
                        without it, all-time totals
  --limit N             how many articles (default 20, at most 100)
  --section SLUG        only this section and the sections below it
  --json                one JSON document: {"articles":[{"id","title","url","views"}]}
${GLOBAL_HELP}`,
  options: { days: { type: 'string' }, limit: { type: 'string' }, section: { type: 'string' }, json: { type: 'boolean' } },
  async run(args, io) {
    const [sub, ...rest] = args.positionals;
    if (sub !== 'top' || rest.length > 0) throw new AppError('JD_ERR_CLI_USAGE', { detail: `unknown views command ${JSON.stringify(args.positionals.join(' '))}: use jiaodian views top [--days N]` });
    const days = wholeNumber(args.values.days, '--days', 1, 7);
    const limit = wholeNumber(args.values.limit, '--limit', 1, 100);
    const section = typeof args.values.section === 'string' ? args.values.section : undefined;
    const config = loadConfig(configFlags(args.values), io.env);
    const c = await createContainer(config);
    try {
      const top = await c.views.service.top({ ...(days !== undefined ? { days } : {}), ...(limit !== undefined ? { limit } : {}), ...(section ? { section } : {}) });
      if (args.values.json === true) {
        io.out(`${JSON.stringify({ articles: top.map((t) => ({ id: t.article.id, title: t.article.title, url: t.article.url, views: t.views })) })}\n`);
      } else if (top.length === 0) {
        io.out(`No views counted ${days !== undefined ? `in the last ${days} day(s)` : 'yet'}.\n`);
      } else {
        for (const t of top) io.out(`${String(t.views).padStart(8)}  ${String(t.article.id).padStart(6)}  ${t.article.title}  ${t.article.url}\n`);
      }
    } finally {
      await c.close();
    }
    return 0;
  },
};

function wholeNumber(raw: string | boolean | undefined, flag: string, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(n >= min && n <= max)) throw new AppError('JD_ERR_CLI_USAGE', { detail: `${flag} must be a whole number from ${min} to ${max}` });
  return n;
}
