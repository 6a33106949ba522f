import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * One of the data files @node-rs/jieba ships (`dict.txt`, the dictionary; `idf.txt`, its
 * document frequencies), read fresh for the caller to use and drop. The package's own
 * `dict.js` reads both at import and keeps them as long as the process lives.
 */
export function jiebaFile(name: 'dict.txt' | 'idf.txt'): Buffer {
  return readFileSync(require.resolve(`@node-rs/jieba/${name}`));
}
