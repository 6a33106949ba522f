import { readFile, stat } from 'node:fs/promises';
import { loadConfig } from '../../config/index.js';
import { createContainer } from '../../container.js';
import { AppError } from '../../errors/index.js';
import { siteIntegrityOptions } from '../../guard/article-integrity.js';
import { AuditRepo } from '../../guard/audit.repo.js';
import { auditDatabase, auditDirectory, auditHtml, type AuditResult } from '../../guard/audit.js';
import type { IntegrityOptions } from '../../guard/integrity.js';
import { configFlags, GLOBAL_HELP, type Command } from '../args.js';

/** User-facing messages of `jiaodian audit`. */
export const auditCliMessages = {
  nothing: 'say what to audit: one or more FILEs, --db, or --dir DIR',
  unreadable: (file: string, why: string) => `cannot read ${file}: ${why}`,
  notDir: (dir: string) => `--dir ${dir} is not a folder`,
  summary: (total: number, flagged: number) => `Audited ${total} target${total === 1 ? '' : 's'}: ${flagged === 0 ? 'all clean' : `${flagged} flagged`}.`,
} as const;

/**
 * `jiaodian audit [FILE…] [--db] [--dir DIR] [--json]`: the integrity guard over HTML files
 * (fragments or pages), the database (article bodies and every stored value pages render) or a
 * static export. Exit 0 when everything is clean, 1 when anything is flagged, 2 for usage errors.
 */
export const auditCommand: Command = {
  name: 'audit',
  summary: 'run the integrity guard over files, the database or a static export',
  help: `Usage: jiaodian audit [FILE…] [--db] [--dir DIR] [--json] [--data DIR] [--database-url URL]

Looks for injected spam and active content: hidden blocks, link farms, spam anchors (gambling,
porn, pharma), keyword stuffing, scripts, frames, objects, meta refresh, event handlers,
javascript:/data: URLs, cloaking redirects.

  FILE…        HTML files: article bodies (fragments) or whole pages
  --db         every article body, and every stored value pages render (titles, summaries,
               source names and URLs, captions, section, tag and author names): these must be
               plain text, and URLs http(s)
  --dir DIR    a static export (jiaodian build): every .html page; only the site's own
               scripts (/assets/*.js) are allowed, links to the site itself are internal
  --json       one JSON document: {"results":[{"target","verdict","findings":[{"rule","reason","location"}]}]}

Without --json, prints one line per flagged target and a summary on standard error.
Exit status: 0 all clean, 1 something flagged (or an error), 2 usage error.
${GLOBAL_HELP}`,
  options: { db: { type: 'boolean' }, dir: { type: 'string' }, json: { type: 'boolean' } },
  async run(args, io) {
    const files = args.positionals;
    const dir = typeof args.values.dir === 'string' ? args.values.dir : undefined;
    const useDb = args.values.db === true;
    if (files.length === 0 && !dir && !useDb) throw new AppError('JD_ERR_CLI_USAGE', { detail: auditCliMessages.nothing });
    if (dir !== undefined && !(await stat(dir).catch(() => undefined))?.isDirectory()) throw new AppError('JD_ERR_CLI_USAGE', { detail: auditCliMessages.notDir(dir) });
    const sources = await Promise.all(
      files.map(async (file) => {
        try {
          return { file, html: await readFile(file, 'utf8') };
        } catch (err) {
          throw new AppError('JD_ERR_CLI_USAGE', { detail: auditCliMessages.unreadable(file, (err as NodeJS.ErrnoException).code ?? String(err)) });
        }
      }),
    );

    const config = loadConfig(configFlags(args.values), io.env);
    // Links to the site itself are internal; the configured allowlist drives outbound-domains.
    const options: IntegrityOptions = { ...siteIntegrityOptions(config), ownScriptPrefixes: ['/assets/'] };
    const results: AuditResult[] = [];
    let total = 0;
    let flagged = 0;
    const onResult = (r: AuditResult): void => {
      total++;
      if (r.verdict === 'flagged') flagged++;
      if (args.values.json) results.push(r);
      else if (r.verdict === 'flagged') io.out(`${r.target}: flagged: ${r.findings.map((f) => `${f.rule} at ${f.location}`).join('; ')}\n`);
    };

    for (const s of sources) onResult(auditHtml(s.file, s.html, options));
    if (dir !== undefined) await auditDirectory(dir, options, onResult);
    if (useDb) {
      const c = await createContainer(config);
      try {
        await auditDatabase(new AuditRepo(c.db.kysely), options, onResult);
      } finally {
        await c.close();
      }
    }
    if (args.values.json) io.out(`${JSON.stringify({ results })}\n`);
    else io.err(`${auditCliMessages.summary(total, flagged)}\n`);
    return flagged > 0 ? 1 : 0;
  },
};
