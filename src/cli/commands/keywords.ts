import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../config/index.js';
import { createContainer } from '../../container.js';
import { SQLITE_FILE } from '../../db/index.js';
import { AppError } from '../../errors/index.js';
import { KeywordExtractor, type Keyword } from '../../zh/keywords.js';
import { Segmenter } from '../../zh/segment.js';
import { configFlags, GLOBAL_HELP, type CliIo, type Command } from '../args.js';

const MAX_TOP = 1000;

/** `jiaodian keywords`: an article's keywords, from standard input. */
export const keywordsCommand: Command = {
  name: 'keywords',
  summary: 'print the keywords of an article read from stdin',
  help: `Usage: jiaodian keywords [--top N] [--data DIR] [--database-url URL]

Reads an article's text (plain text or HTML) on standard input and prints its keywords, one a
line, strongest first, in Simplified (the form search uses). Weights are TF-IDF: with a site in
the data folder (or DATABASE_URL), how common a word is comes from the site's own articles and
the editors' words are used; otherwise from jieba's general corpus.

  --top N               how many keywords (default 10, at most ${MAX_TOP})
${GLOBAL_HELP}`,
  options: { top: { type: 'string' } },
  async run(args, io) {
    const top = topArg(args.values.top);
    const config = loadConfig(configFlags(args.values), io.env);
    const text = (await readAll(io)).replace(/<[^>]*>/g, ' ');
    let keywords: Keyword[];
    // A folder without a site has no statistics: do not create a database just to find that out.
    if (config.databaseUrl || existsSync(join(config.dataDir, SQLITE_FILE))) {
      const c = await createContainer(config);
      try {
        keywords = await c.search.keywords.extract(text, top);
      } finally {
        await c.close();
      }
    } else {
      keywords = new KeywordExtractor(new Segmenter()).extract(text, top);
    }
    for (const k of keywords) io.out(`${k.word}\n`);
    return 0;
  },
};

function topArg(value: string | boolean | undefined): number {
  if (value === undefined) return 10;
  const text = String(value).trim();
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > MAX_TOP) throw new AppError('JD_ERR_CLI_USAGE', { detail: `--top must be a whole number from 1 to ${MAX_TOP} (got ${JSON.stringify(value)})` });
  return n;
}

async function readAll(io: CliIo): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
