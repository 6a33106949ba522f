import { pathToFileURL } from 'node:url';
import { AppError, isAppError } from '../errors/index.js';
import { parseCommandArgs, type CliIo, type Command } from './args.js';
import { buildCommand } from './commands/build.js';
import { convertCommand } from './commands/convert.js';
import { demoCommand } from './commands/demo.js';
import { exportCommand } from './commands/export.js';
import { importCommand } from './commands/import.js';
import { dictionaryCommand } from './commands/dictionary.js';
import { keywordsCommand } from './commands/keywords.js';
import { migrateCommand } from './commands/migrate.js';
import { reindexCommand } from './commands/reindex.js';
import { relatedWordsCommand } from './commands/related-words.js';
import { serveCommand } from './commands/serve.js';
import { tokenCommand } from './commands/token.js';
import { userCommand } from './commands/user.js';
import { viewsCommand } from './commands/views.js';
import { wordsCommand } from './commands/words.js';
import { auditCommand } from './commands/audit.js';

/** Every command, in the order help lists them. */
export const commands: readonly Command[] = [serveCommand, migrateCommand, demoCommand, userCommand, tokenCommand, convertCommand, dictionaryCommand, keywordsCommand, wordsCommand, reindexCommand, viewsCommand, relatedWordsCommand, buildCommand, auditCommand, importCommand, exportCommand];

const USAGE = `Usage: jiaodian <command> [options]

Jiaodian (焦點): a Chinese-first news platform.

Commands:
${commands.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}

Run jiaodian <command> --help for a command's options.`;

/**
 * Runs the CLI and returns the exit code. Errors print one line to stderr: the message of a
 * known error, never a stack trace; exit 2 for usage mistakes, 1 for everything else.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(`${USAGE}\n`);
    return name === undefined ? 2 : 0;
  }
  const cmd = commands.find((c) => c.name === name);
  try {
    if (!cmd) throw new AppError('JD_ERR_CLI_USAGE', { detail: `unknown command ${JSON.stringify(name)}; commands: ${commands.map((c) => c.name).join(', ')}` });
    const args = parseCommandArgs(cmd, rest);
    if (args.values.help === true) {
      io.out(`${cmd.help}\n`);
      return 0;
    }
    return await cmd.run(args, io);
  } catch (err) {
    io.err(`jiaodian: ${messageOf(err)}\n`);
    return isAppError(err, 'JD_ERR_CLI_USAGE') ? 2 : 1;
  }
}

function messageOf(err: unknown): string {
  if (isAppError(err)) {
    const fields = Object.entries(err.fields ?? {}).map(([k, v]) => `${k}: ${v}`);
    return fields.length ? `${err.message}: ${fields.join('; ')}` : err.message;
  }
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'EACCES' || e?.code === 'EROFS') return `cannot write ${e.path ?? 'the data folder'}: permission denied`;
  if (e?.code === 'ENOSPC') return 'no space left on the disk';
  return `unexpected error: ${String(e?.message ?? err).split('\n')[0]}`;
}

// Run directly (`tsx src/cli/main.ts`); the installed bin imports runCli instead.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const code = await runCli(process.argv.slice(2), {
    stdin: process.stdin,
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    env: process.env,
  });
  process.exitCode = code;
}
