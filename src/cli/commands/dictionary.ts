import { loadConfig } from '../../config/index.js';
import { createContainer } from '../../container.js';
import { AppError } from '../../errors/index.js';
import { VARIANTS, type Variant } from '../../zh/variants.js';
import { configFlags, GLOBAL_HELP, type Command } from '../args.js';

const variantFlags = Object.fromEntries(VARIANTS.map((v) => [v, { type: 'string' as const }]));

/** `jiaodian dictionary`: the site dictionary of protected terms and overrides. */
export const dictionaryCommand: Command = {
  name: 'dictionary',
  summary: 'list, add or remove protected terms of the site dictionary',
  help: `Usage: jiaodian dictionary list [--json]
       jiaodian dictionary add --match FORM[,FORM…] [--zh-Hans X] [--zh-Hant X] [--zh-TW X] [--zh-HK X] [--note N]
       jiaodian dictionary remove ID

The site dictionary is applied before OpenCC by every conversion (pages, feeds, API, convert).
A term with no variant outputs is protected: it stays exactly as written in every variant.
With outputs, only the variants named are overridden; the others convert as usual.

Example: keep the country's full name in Taiwan pages (OpenCC's Taiwan vocabulary shortens it):
  jiaodian dictionary add --match 哈萨克斯坦,哈薩克斯坦 --zh-TW 哈薩克斯坦

  --match FORMS         comma-separated forms of the term to look for (any script)
  --zh-Hans X …         what the term becomes in that variant
  --note N              why the term is here
  --json                (list) one JSON document
${GLOBAL_HELP}`,
  options: { match: { type: 'string' }, note: { type: 'string' }, json: { type: 'boolean' }, ...variantFlags },
  async run(args, io) {
    const [sub, ...rest] = args.positionals;
    if (sub !== 'list' && sub !== 'add' && sub !== 'remove') {
      throw new AppError('JD_ERR_CLI_USAGE', { detail: 'use jiaodian dictionary list | add --match … | remove ID' });
    }
    let id: number | undefined;
    if (sub === 'remove') {
      if (rest.length !== 1 || !/^[1-9]\d{0,9}$/.test(rest[0]!)) throw new AppError('JD_ERR_CLI_USAGE', { detail: 'remove takes one term id (see jiaodian dictionary list)' });
      id = Number(rest[0]);
    } else if (rest.length > 0) throw new AppError('JD_ERR_CLI_USAGE', { detail: `unexpected argument ${JSON.stringify(rest[0])}` });
    if (sub === 'add' && typeof args.values.match !== 'string') throw new AppError('JD_ERR_CLI_USAGE', { detail: '--match is required' });
    const c = await createContainer(loadConfig(configFlags(args.values), io.env));
    try {
      if (sub === 'list') {
        const terms = await c.dictionary.list();
        if (args.values.json === true) io.out(`${JSON.stringify({ terms })}\n`);
        else if (terms.length === 0) io.out('The site dictionary is empty.\n');
        else for (const t of terms) io.out(`${t.id}\t${t.match.join(',')}\t${VARIANTS.map((v) => (t.outputs[v] ? `${v}=${t.outputs[v]}` : '')).filter(Boolean).join(' ')}${t.note ? `\t# ${t.note}` : ''}\n`);
      } else if (sub === 'add') {
        const outputs: Partial<Record<Variant, string>> = {};
        for (const v of VARIANTS) if (typeof args.values[v] === 'string') outputs[v] = args.values[v] as string;
        const match = String(args.values.match).split(',').map((s) => s.trim());
        const t = await c.dictionary.add({ match, outputs, ...(typeof args.values.note === 'string' ? { note: args.values.note } : {}) });
        io.out(`Added term ${t.id}: ${t.match.join(',')}\n`);
      } else {
        await c.dictionary.remove(id!);
        io.out(`Removed term ${id}.\n`);
      }
    } finally {
      await c.close();
    }
    return 0;
  },
};
