import { writeFile, rename } from 'node:fs/promises';
import { loadConfig } from '../../config/index.js';
import { createContainer } from '../../container.js';
import { AppError } from '../../errors/index.js';
import { createBackup } from '../../ingest/backup.js';
import { configFlags, GLOBAL_HELP, type Command } from '../args.js';

/** `jiaodian export json OUT`: the lossless backup. */
export const exportCommand: Command = {
  name: 'export',
  summary: 'write a lossless JSON backup of the newsroom',
  help: `Usage: jiaodian export json OUT

Writes everything needed to restore the newsroom to OUT (a file; - for standard output):
articles with every field, status, version and revision, sections, tags and tag redirects,
users with their password hashes and two-factor secrets (so the newsroom can sign in after a
restore: keep the file as private as the database), media records and files (base64), the
site dictionary and editors' words, site settings, featured picks, related-word pins, webhooks,
feed subscriptions and redirects from imported old URLs.

Left out, because a restore rebuilds or re-issues them: the search index, keyword statistics,
related lists, view counts, sessions, API tokens, the audit log and webhook deliveries.

Restore with jiaodian import json OUT into an empty database. Two backups of the same
newsroom are identical, so a backup can be checked by restoring it and backing up again.

${GLOBAL_HELP}`,
  options: {},
  async run(args, io) {
    const [kind, out, ...extra] = args.positionals;
    if (kind !== 'json' || !out || extra.length > 0) throw new AppError('JD_ERR_CLI_USAGE', { detail: 'usage: jiaodian export json OUT (see jiaodian export --help)' });
    const c = await createContainer(loadConfig(configFlags(args.values), io.env));
    try {
      const backup = await createBackup(c.db, c.mediaDir);
      const text = `${JSON.stringify(backup)}\n`;
      if (out === '-') io.out(text);
      else {
        // Written beside the target and renamed: an interrupted export never leaves half a backup.
        const tmp = `${out}.partial`;
        await writeFile(tmp, text);
        await rename(tmp, out);
      }
      const rows = Object.values(backup.tables).reduce((n, t) => n + t.length, 0);
      const summary = `Backed up ${backup.tables.articles?.length ?? 0} articles, ${rows} rows and ${Object.keys(backup.files).length} media files${out === '-' ? '' : ` to ${out}`}.\n`;
      if (out === '-') io.err(summary);
      else io.out(summary);
    } finally {
      await c.close();
    }
    return 0;
  },
};
