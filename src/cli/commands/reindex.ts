import { loadConfig } from '../../config/index.js';
import { createContainer } from '../../container.js';
import { configFlags, GLOBAL_HELP, type CliIo, type Command } from '../args.js';
import { ProgressBar } from '../progress.js';

/** `jiaodian reindex`: rebuild the search index and the site's keyword statistics. */
export const reindexCommand: Command = {
  name: 'reindex',
  summary: 'rebuild the search index, keyword statistics and related reading',
  help: `Usage: jiaodian reindex [--data DIR] [--database-url URL]

Re-segments every article with the current editors' words (jiaodian words) and rebuilds the
search index from them, then relearns which words are common on this site (keywords). The
index stays searchable while it runs; entries of deleted articles are removed at the end.
Then rebuilds related reading: every published article's keyword vector, fingerprint and
related list.

Progress goes to standard error: a bar on a terminal, a line every few seconds otherwise
(JIAODIAN_PROGRESS=bar or lines chooses).

${GLOBAL_HELP}`,
  options: {},
  async run(args, io) {
    const c = await createContainer(loadConfig(configFlags(args.values), io.env));
    try {
      const bar = new ProgressBar({ write: io.err, tty: progressOnTerminal(io), unit: 'articles', columns: process.stderr.columns ?? 80 });
      const r = await c.search.indexer.reindex((done, total) => bar.update(done, total));
      bar.done();
      const rate = r.seconds > 0 ? Math.round(r.articles / r.seconds) : r.articles;
      const pruned = r.pruned > 0 ? ` Removed ${r.pruned} entries of deleted articles.` : '';
      io.out(`Indexed ${r.articles} articles (${r.published} published) in ${r.seconds.toFixed(1)} s, ${rate} articles/s.${pruned} Keyword statistics now cover ${r.words} words.\n`);
      // Related reading last: its IDF is learned from the index just rebuilt.
      const relatedBar = new ProgressBar({ write: io.err, tty: progressOnTerminal(io), unit: 'steps', columns: process.stderr.columns ?? 80 });
      const rel = await c.related.service.rebuild((done, total) => relatedBar.update(done, total));
      relatedBar.done();
      // On stderr with the progress, so that stdout keeps the search summary as its one line.
      io.err(`Related reading: vectors and lists of ${rel.articles} published articles rebuilt in ${rel.seconds.toFixed(1)} s.\n`);
    } finally {
      await c.close();
    }
    return 0;
  },
};

/** Whether progress should redraw a bar: a real terminal, unless JIAODIAN_PROGRESS says otherwise. */
export function progressOnTerminal(io: CliIo): boolean {
  const choice = io.env.JIAODIAN_PROGRESS;
  if (choice === 'bar') return true;
  if (choice === 'lines') return false;
  return process.stderr.isTTY === true && io.env.TERM !== 'dumb';
}
