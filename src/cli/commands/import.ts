import { loadConfig } from '../../config/index.js';
import { createContainer, type Container } from '../../container.js';
import { AppError } from '../../errors/index.js';
import { fetchSource, isUrl } from '../../ingest/fetch.js';
import { exitCodeOf, orderedItem, type ImportReport } from '../../ingest/report.js';
import { restoreBackup } from '../../ingest/restore.js';
import { siteIntegrityOptions } from '../../guard/article-integrity.js';
import { Subscriptions } from '../../ingest/subscriptions.js';
import { importerOf } from '../../ingest/wiring.js';
import { configFlags, GLOBAL_HELP, type CliIo, type Command, type ParsedArgs } from '../args.js';
import { ProgressBar } from '../progress.js';
import { progressOnTerminal } from './reindex.js';

const KINDS = ['rss', 'wxr', 'html', 'json'] as const;
type Kind = (typeof KINDS)[number];

/** Largest backup `import json` reads (a JS string holds at most about 512 MB). */
const MAX_BACKUP_BYTES = 500 * 1024 * 1024;

/** `jiaodian import`: RSS/Atom feeds, WordPress exports, article pages and JSON backups. */
export const importCommand: Command = {
  name: 'import',
  summary: 'import a feed, a WordPress export, an article page or a JSON backup',
  help: `Usage: jiaodian import rss|wxr|html|json SRC [--section S] [--map CAT=S]… [--publish] [--dry-run] [--json]
       jiaodian import rss URL --subscribe [--every MIN] [--section S] [--publish]
       jiaodian import rss --subscriptions [--json]
       jiaodian import rss --unsubscribe ID

Imports articles from SRC, a file or an http(s) URL:
  rss    an RSS 2.0 or Atom feed; 來源 is the feed's title and the item's link
  wxr    a WordPress export (Tools → Export): posts, categories (→ sections, created when
         missing), tags, authors, dates, featured images and redirects from the old URLs
  html   one article page: its text, title, time, source, authors and tags
  json   a backup made by jiaodian export json, into an empty database

Every item goes through the newsroom's save path (sanitizing, the integrity guard, search and
related reading); what the guard strips is reported. Items land as drafts unless --publish
(WordPress drafts stay drafts); with --publish, an item whose saved body the integrity guard
still flags (the verdict the newsroom shows) stays a draft, with a warning. Items imported before (same GUID or link) and near-duplicates
of earlier imports are skipped. Each item is saved in its own transaction: a failing item is
reported and the rest continue.

Images: featured images, enclosures and every http(s) <img> in the text are downloaded (same
timeout, redirect and address rules as the source, at most the upload size limit, image types
only) and stored in the media library like uploads; the text then points at /media/…. An image
named twice in one import is stored once. An image that cannot be moved is left out (a figure
with its caption) and reported in "removed" with the rule image-download.

Sections: an item goes to the section named by --map for one of its categories, else to an
existing section whose slug or name is one of its categories (WordPress: its first category,
created when missing), else to --section.

  --section S           section slug for items no category places
  --map CAT=S           put items of category CAT in section S (repeatable)
  --publish             publish imported items (default: drafts)
  --dry-run             read, check and report everything; download no image, write nothing
  --json                print the report as JSON on stdout (no progress bar):
                        {"items":[{"status":"imported|skipped|failed","id","title","publishedAt",
                        "source":{"name","url"},"authors":[],"tags":[],"bodyHtml","removed":[{"rule","reason"}],"error"}]}
  --subscribe           store the feed as a subscription the server polls (conditional GET,
                        back-off on failures, once across processes)
  --every MIN           minutes between polls of a subscription (default 30, at least 5)
  --subscriptions       list subscriptions
  --unsubscribe ID      remove a subscription (its articles stay)

Exit status: 0 when at least one item was imported or none failed; 1 when every item that
was not skipped failed, or the source cannot be read (missing file, fetch error, malformed
XML or JSON); 2 for usage mistakes.

${GLOBAL_HELP}`,
  options: {
    section: { type: 'string' },
    map: { type: 'string', multiple: true },
    publish: { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
    subscribe: { type: 'boolean' },
    every: { type: 'string' },
    subscriptions: { type: 'boolean' },
    unsubscribe: { type: 'string' },
  },
  async run(args, io) {
    const [kind, src, ...extra] = args.positionals;
    const usage = (detail: string) => new AppError('JD_ERR_CLI_USAGE', { detail: `${detail} (see jiaodian import --help)` });
    if (!KINDS.includes(kind as Kind)) throw usage(`give the source kind first: one of ${KINDS.join(', ')}`);
    const listing = args.values.subscriptions === true || args.values.unsubscribe !== undefined;
    if (listing && kind !== 'rss') throw usage('subscriptions are RSS/Atom feeds: use jiaodian import rss --subscriptions');
    if (!listing && !src) throw usage(`give the file or URL to import: jiaodian import ${kind} SRC`);
    if (extra.length > 0) throw usage(`one source at a time, not ${JSON.stringify(extra[0])}`);
    if (kind === 'json' && (args.values.section || args.values.map || args.values.publish)) throw usage('a JSON backup is restored as it is: --section, --map and --publish do not apply');
    const map = parseMap(args.values.map as unknown as string[] | undefined, usage);
    const c = await createContainer(loadConfig(configFlags(args.values), io.env));
    try {
      if (listing || args.values.subscribe) return await subscriptionCommand(c, args, io, src, map, usage);
      let report: ImportReport;
      if (kind === 'json') {
        // A backup holds its media files too: larger than any feed, up to what one string holds.
        const text = (await fetchSource(src!, { maxBytes: MAX_BACKUP_BYTES, accept: ['application/json', 'text/plain', 'application/octet-stream'] })).bytes.toString('utf8');
        report = await restoreBackup({ db: c.db, mediaDir: c.mediaDir, integrity: siteIntegrityOptions(c.config), rebuild: async () => void (await c.search.indexer.reindex(), await c.related.service.rebuild()) }, text, { dryRun: args.values['dry-run'] === true });
      } else {
        const bar = args.values.json ? undefined : new ProgressBar({ write: io.err, tty: progressOnTerminal(io), unit: 'items', columns: process.stderr.columns ?? 80 });
        report = await importerOf(c).run({
          kind: kind as Exclude<Kind, 'json'>,
          src: src!,
          section: args.values.section as string | undefined,
          map,
          publish: args.values.publish === true,
          dryRun: args.values['dry-run'] === true,
          ...(bar ? { onProgress: (done: number, total: number) => bar.update(done, total) } : {}),
        });
        bar?.done();
      }
      printReport(report, args, io);
      return exitCodeOf(report);
    } finally {
      await c.close();
    }
  },
};

function parseMap(list: string[] | undefined, usage: (d: string) => AppError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of list ?? []) {
    const at = entry.lastIndexOf('=');
    if (at <= 0 || at === entry.length - 1) throw usage(`--map takes CATEGORY=SECTION, not ${JSON.stringify(entry)}`);
    out[entry.slice(0, at).trim()] = entry.slice(at + 1).trim();
  }
  return out;
}

function printReport(report: ImportReport, args: ParsedArgs, io: CliIo): void {
  if (args.values.json) {
    io.out(`${JSON.stringify({ items: report.items.map(orderedItem) })}\n`);
    return;
  }
  for (const i of report.items) {
    if (i.status !== 'imported' || i.error || i.removed.length > 0) {
      const what = i.status === 'imported' ? `imported${i.id ? ` as ${i.id}` : ''}` : i.status;
      const removed = i.removed.length > 0 ? ` — removed: ${i.removed.map((r) => r.rule).join(', ')}` : '';
      io.err(`${what}: ${i.title || '(no title)'}${i.error ? ` — ${i.error}` : ''}${removed}\n`);
    }
  }
  const n = (s: string) => report.items.filter((i) => i.status === s).length;
  const dry = args.values['dry-run'] ? ' (dry run: nothing was written)' : '';
  io.out(`Imported ${n('imported')}, skipped ${n('skipped')}, failed ${n('failed')} of ${report.items.length} items${dry}.\n`);
}

async function subscriptionCommand(c: Container, args: ParsedArgs, io: CliIo, src: string | undefined, map: Record<string, string>, usage: (d: string) => AppError): Promise<number> {
  const subs = new Subscriptions({ db: c.db.kysely, importer: importerOf(c), now: () => new Date() });
  if (args.values.subscriptions) {
    const list = await subs.list();
    if (args.values.json) io.out(`${JSON.stringify({ subscriptions: list })}\n`);
    else for (const s of list) io.out(`${s.id}\t${s.url}\tevery ${s.everyMinutes} min\t${s.section || '-'}\t${s.publish ? 'publish' : 'drafts'}${s.failures ? `\tfailing ×${s.failures}: ${s.lastError}` : ''}\n`);
    return 0;
  }
  if (args.values.unsubscribe !== undefined) {
    const id = Number(args.values.unsubscribe);
    if (!Number.isInteger(id) || id <= 0) throw usage('--unsubscribe takes the subscription id that --subscriptions lists');
    await subs.remove(id);
    io.out(`Removed subscription ${id}.\n`);
    return 0;
  }
  if (!src || !isUrl(src)) throw usage('--subscribe needs the feed as an http(s) URL');
  if (Object.keys(map).length > 0) throw usage('subscriptions map categories by section names; --map applies to one-off imports');
  const every = args.values.every === undefined ? 30 : Number(args.values.every);
  if (!Number.isInteger(every) || every < 5 || every > 10_080) throw usage('--every takes whole minutes from 5 to 10080');
  const section = args.values.section as string | undefined;
  if (section && !(await c.site.sectionService.index()).bySlug.has(section)) throw new AppError('JD_ERR_VALIDATION', {}, { fields: { section: `no section with slug ${section}` } });
  const s = await subs.add({ url: src, section, publish: args.values.publish === true, everyMinutes: every });
  io.out(`Subscribed (${s.id}) to ${s.url}: the server polls it every ${s.everyMinutes} minutes.\n`);
  return 0;
}
