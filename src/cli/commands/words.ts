import { loadConfig } from '../../config/index.js';
import { createContainer } from '../../container.js';
import { AppError } from '../../errors/index.js';
import { configFlags, GLOBAL_HELP, type Command } from '../args.js';

const REINDEX_ADVICE = 'New articles are segmented with it from now on; run `jiaodian reindex` to re-segment the articles already indexed.';

/** `jiaodian words`: the editors' words segmentation keeps whole. */
export const wordsCommand: Command = {
  name: 'words',
  summary: 'list, add or remove editors\u2019 words for search (names, places, terms)',
  help: `Usage: jiaodian words list [--json]
       jiaodian words add WORD [WORD…]
       jiaodian words remove WORD

Editors' words are names, places and terms that Chinese word segmentation must keep whole
(林雨涵 rather than 林雨 + 涵), so that searching for them finds them and keywords name them.
Either script works: words are normalized to Simplified before segmentation. Running servers
pick up a change within seconds; \`jiaodian reindex\` applies it to articles already indexed.

  --json                (list) one JSON document: {"words":[{"word","createdAt"}]}
${GLOBAL_HELP}`,
  options: { json: { type: 'boolean' } },
  async run(args, io) {
    const [sub, ...rest] = args.positionals;
    if (sub !== 'list' && sub !== 'add' && sub !== 'remove') throw new AppError('JD_ERR_CLI_USAGE', { detail: 'use jiaodian words list | add WORD… | remove WORD' });
    if (sub === 'list' && rest.length > 0) throw new AppError('JD_ERR_CLI_USAGE', { detail: `unexpected argument ${JSON.stringify(rest[0])}` });
    if (sub === 'add' && rest.length === 0) throw new AppError('JD_ERR_CLI_USAGE', { detail: 'add takes one or more words' });
    if (sub === 'remove' && rest.length !== 1) throw new AppError('JD_ERR_CLI_USAGE', { detail: 'remove takes one word' });
    const c = await createContainer(loadConfig(configFlags(args.values), io.env));
    try {
      if (sub === 'list') {
        const words = await c.search.words.list();
        if (args.values.json === true) io.out(`${JSON.stringify({ words })}\n`);
        else if (words.length === 0) io.out('No editors\u2019 words yet: add names and terms with jiaodian words add WORD.\n');
        else for (const w of words) io.out(`${w.word}\n`);
      } else if (sub === 'add') {
        const added = await c.search.words.add(rest);
        const known = rest.length - added.length;
        io.out(added.length > 0 ? `Added ${added.join(', ')}.${known > 0 ? ` (${known} already listed.)` : ''} ${REINDEX_ADVICE}\n` : 'Every word was already listed; nothing changed.\n');
      } else {
        await c.search.words.remove(rest[0]!);
        io.out(`Removed ${rest[0]!.trim()}. Run \`jiaodian reindex\` to re-segment the articles already indexed.\n`);
      }
    } finally {
      await c.close();
    }
    return 0;
  },
};
