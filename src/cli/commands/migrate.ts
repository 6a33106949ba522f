import { loadConfig } from '../../config/index.js';
import { migrateToLatest, openDatabase } from '../../db/index.js';
import { configFlags, GLOBAL_HELP, type Command } from '../args.js';

/** `jiaodian migrate`: bring the schema up to date. */
export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'bring the database schema up to date',
  help: `Usage: jiaodian migrate [--data DIR] [--database-url URL]

Applies every migration the database does not have yet. Safe to run at any time and from
several processes at once; \`jiaodian serve\` runs it on start too.

${GLOBAL_HELP}`,
  options: {},
  async run(args, io) {
    const config = loadConfig(configFlags(args.values), io.env);
    const db = await openDatabase(config);
    try {
      const { applied } = await migrateToLatest(db);
      io.out(applied.length ? `Applied ${applied.length} migration(s) to ${db.describe}: ${applied.join(', ')}\n` : `${db.describe} is up to date.\n`);
    } finally {
      await db.close();
    }
    return 0;
  },
};
