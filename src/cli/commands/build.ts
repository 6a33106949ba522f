import { loadConfig } from '../../config/index.js';
import { createContainer } from '../../container.js';
import { AppError } from '../../errors/index.js';
import { buildStaticSite, type BuildResult } from '../../render/export/build-site.js';
import { MANIFEST } from '../../render/export/writer.js';
import { configFlags, GLOBAL_HELP, type Command } from '../args.js';
import { ProgressBar } from '../progress.js';
import { progressOnTerminal } from './reindex.js';

/** What `jiaodian build` prints. */
export const messages = {
  outRequired: '--out DIR is required: the folder to write the static site into',
  unexpected: (arg: string) => `unexpected argument ${JSON.stringify(arg)} (see jiaodian build --help)`,
  summary: (r: BuildResult, out: string) =>
    `Built ${r.pages.toLocaleString('en-US')} pages (${r.articlePages.toLocaleString('en-US')} article pages of ${r.articles.toLocaleString('en-US')} articles) and ${r.files.toLocaleString('en-US')} files into ${out} in ${r.seconds.toFixed(1)} s: ` +
    `${Math.round(r.pages / Math.max(r.seconds, 0.001)).toLocaleString('en-US')} pages/s, article pages ${Math.round(r.articlePages / Math.max(r.articleSeconds, 0.001)).toLocaleString('en-US')}/s. ` +
    `${r.written.toLocaleString('en-US')} written, ${r.kept.toLocaleString('en-US')} unchanged, ${r.removed.toLocaleString('en-US')} removed.\n`,
} as const;

/** `jiaodian build --out DIR [--incremental]`: the static export of the public site. */
export const buildCommand: Command = {
  name: 'build',
  summary: 'write the public site as static files (--out DIR)',
  help: `Usage: jiaodian build --out DIR [--incremental] [--data DIR] [--database-url URL]

Writes the whole public site into DIR, ready for any static file server: every article,
section, tag, author and month page, the search page and the 404 page, in the default
variant and under /zh-hans/, /zh-hant/, /zh-tw/ and /zh-hk/; RSS, Atom and JSON feeds (site,
sections, tags), sitemaps, robots.txt, /assets/ and /media/. A URL ending in / or without a
file extension is written as …/index.html; the 404 page is 404.html.

The build goes into a new folder beside DIR and replaces DIR only when it is complete: a
failure leaves the previous export as it was. DIR must be new, empty, or an earlier export
(it keeps a manifest, ${MANIFEST}).

  --out DIR        the folder to write (required)
  --incremental    rewrite only the files that changed since the last build in DIR; the
                   others keep their bytes and modification time, and files of articles no
                   longer published are removed

Progress goes to standard error (JIAODIAN_PROGRESS=bar or lines chooses its form); the
summary line to standard output.

${GLOBAL_HELP}`,
  options: { out: { type: 'string' }, incremental: { type: 'boolean' } },
  async run(args, io) {
    const out = args.values.out;
    if (typeof out !== 'string' || out.trim() === '') throw new AppError('JD_ERR_CLI_USAGE', { detail: messages.outRequired });
    if (args.positionals.length > 0) throw new AppError('JD_ERR_CLI_USAGE', { detail: messages.unexpected(args.positionals[0]!) });
    const c = await createContainer(loadConfig(configFlags(args.values), io.env));
    try {
      const bar = new ProgressBar({ write: io.err, tty: progressOnTerminal(io), unit: 'pages', columns: process.stderr.columns ?? 80 });
      const result = await buildStaticSite(c, { out, incremental: args.values.incremental === true, onProgress: (done, total) => bar.update(done, total) });
      bar.done();
      io.out(messages.summary(result, out));
    } finally {
      await c.close();
    }
    return 0;
  },
};
