import { parseArgs, type ParseArgsConfig } from 'node:util';
import { settings } from '../config/index.js';
import { AppError } from '../errors/index.js';

/** Options every command takes: every setting's flag (see config/schema.ts) and --help. */
export const GLOBAL_OPTIONS: NonNullable<ParseArgsConfig['options']> = {
  ...Object.fromEntries(Object.values(settings).map((s) => [s.flag, { type: 'string' as const }])),
  help: { type: 'boolean', short: 'h' },
};

/** A command of the `jiaodian` CLI. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  /** Full help text shown by `--help`. */
  readonly help: string;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  readonly run: (args: ParsedArgs, io: CliIo) => Promise<number>;
}

/** Parsed flags and positionals. */
export interface ParsedArgs {
  readonly values: Record<string, string | boolean | undefined>;
  readonly positionals: string[];
}

/** Where a command reads and writes, so tests can capture it. */
export interface CliIo {
  readonly stdin: NodeJS.ReadableStream;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
}

/** Parses a command's arguments strictly; unknown flags are a usage error with one clear line. */
export function parseCommandArgs(cmd: Command, argv: string[]): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: { ...GLOBAL_OPTIONS, ...cmd.options }, allowPositionals: true, strict: true });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (err) {
    const message = (err as Error).message.split('\n')[0] ?? 'bad arguments';
    throw new AppError('JD_ERR_CLI_USAGE', { detail: `${message.replace(/\. To specify.*$/, '')} (see jiaodian ${cmd.name} --help)` });
  }
}

/** Setting flags of the config loader taken from parsed args (every setting has a flag). */
export function configFlags(values: ParsedArgs['values']): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const name of Object.values(settings).map((s) => s.flag)) {
    const v = values[name];
    if (typeof v === 'string') out[name] = v;
  }
  return out;
}

/** Text of the global options for help screens. */
export const GLOBAL_HELP = `Options for every command:
  --data DIR            data folder: SQLite file and media (env JIAODIAN_DATA_DIR, default ./data)
  --database-url URL    postgres:// URL to use PostgreSQL instead of SQLite (env DATABASE_URL)
  -h, --help            show this help
Every setting in the README's configuration table can also be given as a flag (--site-name, …).`;
