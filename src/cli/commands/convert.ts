import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { loadConfig } from '../../config/index.js';
import { createContainer } from '../../container.js';
import { SQLITE_FILE } from '../../db/index.js';
import { AppError } from '../../errors/index.js';
import { ScriptConverter } from '../../zh/convert.js';
import { VARIANTS, type Variant } from '../../zh/variants.js';
import { configFlags, GLOBAL_HELP, type Command } from '../args.js';

/** `jiaodian convert`: the site's script conversion as a filter. */
export const convertCommand: Command = {
  name: 'convert',
  summary: 'convert text between Chinese scripts (stdin → stdout)',
  help: `Usage: jiaodian convert --to V [--from F] [--data DIR] [--database-url URL]

Reads text on standard input and writes it converted, line by line, exactly as the site converts
pages: the site dictionary first (from the site's database, when there is one), then OpenCC's
phrase dictionaries.

  --to V                ${VARIANTS.join(', ')}
  --from F              the input's script: ${VARIANTS.join(', ')}
                        (default zh-Hant when V is zh-Hans, else zh-Hans)
  --tw-vocabulary M     taiwan (zh-TW uses Taiwan words, s2twp) or characters (s2tw)
                        (env JIAODIAN_TW_VOCABULARY, default taiwan)
${GLOBAL_HELP}`,
  options: { to: { type: 'string' }, from: { type: 'string' } },
  async run(args, io) {
    const to = variantArg(args.values.to, '--to');
    if (!to) throw new AppError('JD_ERR_CLI_USAGE', { detail: `--to is required: one of ${VARIANTS.join(', ')}` });
    const from = variantArg(args.values.from, '--from') ?? (to === 'zh-Hans' ? 'zh-Hant' : 'zh-Hans');
    const config = loadConfig(configFlags(args.values), io.env);
    let zh: ScriptConverter;
    // A folder without a site has an empty dictionary: do not create a database just to read it.
    if (config.databaseUrl || existsSync(join(config.dataDir, SQLITE_FILE))) {
      const c = await createContainer(config);
      try {
        zh = (await c.dictionary.current()).zh;
      } finally {
        await c.close();
      }
    } else {
      zh = new ScriptConverter({ vocabulary: config.twVocabulary });
    }
    const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
    for await (const line of lines) io.out(`${zh.text(line, from, to)}\n`);
    return 0;
  },
};

function variantArg(value: string | boolean | undefined, flag: string): Variant | undefined {
  if (value === undefined) return undefined;
  const v = VARIANTS.find((x) => x.toLowerCase() === String(value).toLowerCase());
  if (!v) throw new AppError('JD_ERR_CLI_USAGE', { detail: `${flag} must be one of ${VARIANTS.join(', ')} (got ${JSON.stringify(value)})` });
  return v;
}
