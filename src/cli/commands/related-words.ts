import { loadConfig } from '../../config/index.js';
import { createContainer } from '../../container.js';
import { AppError } from '../../errors/index.js';
import { configFlags, GLOBAL_HELP, type Command } from '../args.js';

const SUBCOMMANDS = ['list', 'pin', 'unpin', 'hide'] as const;

/** `jiaodian related-words`: editors' pins and hides of an article's related words (相關詞). */
export const relatedWordsCommand: Command = {
  name: 'related-words',
  summary: 'pin, hide or list the related words (相關詞) under an article',
  help: `Usage: jiaodian related-words list ARTICLE_ID [--json]
       jiaodian related-words pin ARTICLE_ID WORD
       jiaodian related-words hide ARTICLE_ID WORD
       jiaodian related-words unpin ARTICLE_ID WORD

Under every article the site shows its strongest keywords as related words, each linking to
its tag page (when a tag of that name exists, in either script) or to a search. A pinned word
is shown first, in pin order, keyword or not; a hidden word is never shown. unpin undoes a
pin or a hide. Words may be written in either script.

  --json                (list) one JSON document: {"overrides":[{"word","label","action","createdAt"}]}
${GLOBAL_HELP}`,
  options: { json: { type: 'boolean' } },
  async run(args, io) {
    const [sub, rawId, ...rest] = args.positionals;
    if (!SUBCOMMANDS.includes(sub as (typeof SUBCOMMANDS)[number])) {
      throw new AppError('JD_ERR_CLI_USAGE', { detail: 'use jiaodian related-words list ARTICLE_ID | pin|hide|unpin ARTICLE_ID WORD' });
    }
    if (rawId === undefined || !/^[1-9]\d{0,9}$/.test(rawId)) throw new AppError('JD_ERR_CLI_USAGE', { detail: `${sub} takes an article id first` });
    const wantWord = sub !== 'list';
    if (rest.length !== (wantWord ? 1 : 0)) {
      throw new AppError('JD_ERR_CLI_USAGE', { detail: wantWord ? `${sub} takes one word after the article id` : `unexpected argument ${JSON.stringify(rest[0])}` });
    }
    const id = Number(rawId);
    const word = rest[0] ?? '';
    const c = await createContainer(loadConfig(configFlags(args.values), io.env));
    try {
      const words = c.related.words;
      if (sub === 'list') {
        const overrides = await words.overrides(id);
        if (args.values.json === true) io.out(`${JSON.stringify({ overrides })}\n`);
        else if (overrides.length === 0) io.out(`Article ${id} shows its keywords as they are: nothing pinned or hidden.\n`);
        else for (const o of overrides) io.out(`${o.action}\t${o.label}\n`);
      } else if (sub === 'pin') {
        io.out(`Pinned ${JSON.stringify((await words.pin(id, word)).label)} on article ${id}.\n`);
      } else if (sub === 'hide') {
        io.out(`Hid ${JSON.stringify((await words.hide(id, word)).label)} on article ${id}.\n`);
      } else {
        await words.unpin(id, word);
        io.out(`Article ${id} no longer pins or hides ${JSON.stringify(word.trim())}.\n`);
      }
    } finally {
      await c.close();
    }
    return 0;
  },
};
