import { loadConfig } from '../../config/index.js';
import { createContainer } from '../../container.js';
import { ROLES } from '../../auth/roles.js';
import { AppError } from '../../errors/index.js';
import { configFlags, GLOBAL_HELP, type CliIo, type Command } from '../args.js';

/** `jiaodian user add`: create a newsroom account. */
export const userCommand: Command = {
  name: 'user',
  summary: 'manage newsroom accounts (user add)',
  help: `Usage: jiaodian user add --email E --role R [--name NAME] [--password-stdin]

Creates a newsroom account. Roles: ${ROLES.join(', ')}.
With --password-stdin the password is read from standard input (the first line); without it
the account has no password yet and cannot sign in until one is set.

  --email E             e-mail address, used to sign in (required)
  --role R              ${ROLES.join(' | ')} (required)
  --name NAME           display name for bylines (default: the part of the e-mail before @)
  --password-stdin      read the password from standard input
${GLOBAL_HELP}`,
  options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
  async run(args, io) {
    const [sub, ...rest] = args.positionals;
    if (sub !== 'add' || rest.length > 0) throw new AppError('JD_ERR_CLI_USAGE', { detail: `unknown user command ${JSON.stringify(args.positionals.join(' '))}: use jiaodian user add --email E --role R` });
    const email = args.values.email;
    const role = args.values.role;
    if (typeof email !== 'string') throw new AppError('JD_ERR_CLI_USAGE', { detail: '--email is required' });
    if (typeof role !== 'string') throw new AppError('JD_ERR_CLI_USAGE', { detail: `--role is required (${ROLES.join(', ')})` });
    const password = args.values['password-stdin'] === true ? await readPassword(io) : undefined;
    const config = loadConfig(configFlags(args.values), io.env);
    const c = await createContainer(config);
    try {
      const name = typeof args.values.name === 'string' ? args.values.name : email.split('@')[0] ?? email;
      const user = await c.users.add({ email, role: role as (typeof ROLES)[number], name, ...(password !== undefined ? { password } : {}) });
      io.out(`Created ${user.role} ${user.email} (author page /author/${user.slug})${password === undefined ? ' without a password' : ''}.\n`);
    } finally {
      await c.close();
    }
    return 0;
  },
};

async function readPassword(io: CliIo): Promise<string> {
  let text = '';
  for await (const chunk of io.stdin) text += chunk.toString();
  const line = text.split(/\r?\n/)[0] ?? '';
  if (line === '') throw new AppError('JD_ERR_CLI_USAGE', { detail: '--password-stdin was given but standard input is empty' });
  return line;
}
