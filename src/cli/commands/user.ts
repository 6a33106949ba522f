import { loadConfig } from '../../config/index.js';
import { createContainer, type Container } from '../../container.js';
import { ROLES, type Role } from '../../auth/roles.js';
import { AppError } from '../../errors/index.js';
import { configFlags, GLOBAL_HELP, type CliIo, type Command, type ParsedArgs } from '../args.js';

const SUBCOMMANDS = ['add', 'list', 'passwd', 'disable', 'enable', '2fa'] as const;

/** `jiaodian user …`: newsroom accounts from the server's shell (there is no mail server). */
export const userCommand: Command = {
  name: 'user',
  summary: 'manage newsroom accounts (user add | list | passwd | disable | enable | 2fa)',
  help: `Usage: jiaodian user add --email E --role R [--name NAME] [--password-stdin]
       jiaodian user list [--role R] [--json]
       jiaodian user passwd --email E            (new password from standard input)
       jiaodian user disable --email E | jiaodian user enable --email E
       jiaodian user 2fa --email E --disable

add       creates an account. Roles: ${ROLES.join(', ')}. With --password-stdin the password is
          read from standard input (the first line); without it the account cannot sign in
          until one is set with passwd.
list      lists accounts: id, e-mail, role, state.
passwd    sets a new password (first line of standard input, at least 10 characters) and signs
          the user out everywhere: the way to reset a forgotten password.
disable   stops an account from signing in, ends its sessions and stops its API tokens.
enable    lets a disabled account sign in again.
2fa       --disable turns two-factor off for someone who lost their authenticator.
Every change is written to the audit log as done by the CLI.

  --email E             e-mail address, used to sign in
  --role R              ${ROLES.join(' | ')}
  --name NAME           display name for bylines (default: the part of the e-mail before @)
  --password-stdin      (add) read the password from standard input
  --disable             (2fa) turn two-factor off
  --json                (list) one JSON document: {"users":[{"id","email","role","disabled","twoFactor",…}]}
${GLOBAL_HELP}`,
  options: {
    email: { type: 'string' },
    role: { type: 'string' },
    name: { type: 'string' },
    'password-stdin': { type: 'boolean' },
    disable: { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run(args, io) {
    const [sub, ...rest] = args.positionals;
    if (!SUBCOMMANDS.includes(sub as (typeof SUBCOMMANDS)[number]) || rest.length > 0) {
      throw usage(`unknown user command ${JSON.stringify(args.positionals.join(' '))}: use jiaodian user ${SUBCOMMANDS.join('|')} (see --help)`);
    }
    const email = args.values.email;
    if (sub !== 'list' && typeof email !== 'string') throw usage('--email is required');
    if (sub === 'add' && typeof args.values.role !== 'string') throw usage(`--role is required (${ROLES.join(', ')})`);
    if (sub === '2fa' && args.values.disable !== true) throw usage('jiaodian user 2fa --email E --disable: turning two-factor on is done by the member, signed in');
    // Read standard input before opening the database: a prompt-less pipe is all there is.
    const password = sub === 'passwd' || (sub === 'add' && args.values['password-stdin'] === true) ? await readPassword(io) : undefined;
    const c = await createContainer(loadConfig(configFlags(args.values), io.env));
    try {
      if (sub === 'list') return await list(c, args, io);
      if (sub === 'add') return await add(c, args, email as string, password, io);
      const user = await c.users.byEmail(email as string);
      const target = `user:${user.id}`;
      if (sub === 'passwd') {
        await c.users.setPassword(user.id, password!);
        await c.auth.audit.record({ actor: 'cli', action: 'user.password.set', target });
        io.out(`Set a new password for ${user.email}; their sessions have ended.\n`);
      } else if (sub === 'disable' || sub === 'enable') {
        await c.users.update(user.id, { disabled: sub === 'disable' });
        await c.auth.audit.record({ actor: 'cli', action: `user.${sub}`, target });
        io.out(sub === 'disable' ? `Disabled ${user.email}: signed out everywhere, tokens stopped.\n` : `Enabled ${user.email}.\n`);
      } else {
        await c.auth.totp.disable(user.id);
        await c.auth.audit.record({ actor: 'cli', action: 'user.2fa.disable', target });
        io.out(`Turned two-factor off for ${user.email}.\n`);
      }
      return 0;
    } finally {
      await c.close();
    }
  },
};

async function add(c: Container, args: ParsedArgs, email: string, password: string | undefined, io: CliIo): Promise<number> {
  const name = typeof args.values.name === 'string' ? args.values.name : (email.split('@')[0] ?? email);
  const user = await c.users.add({ email, role: args.values.role as Role, name, ...(password !== undefined ? { password } : {}) });
  await c.auth.audit.record({ actor: 'cli', action: 'user.create', target: `user:${user.id}`, details: { role: user.role } });
  io.out(`Created ${user.role} ${user.email} (author page /author/${user.slug})${password === undefined ? ' without a password' : ''}.\n`);
  return 0;
}

async function list(c: Container, args: ParsedArgs, io: CliIo): Promise<number> {
  const role = args.values.role;
  if (role !== undefined && !(ROLES as readonly unknown[]).includes(role)) throw usage(`--role must be one of ${ROLES.join(', ')}`);
  const users = [];
  for (let page = 1; ; page++) {
    const batch = await c.users.list(role ? { role: role as Role } : {}, page, 100);
    users.push(...batch.users);
    if (users.length >= batch.total || batch.users.length === 0) break;
  }
  if (args.values.json === true) {
    io.out(`${JSON.stringify({ users })}\n`);
    return 0;
  }
  for (const u of users) {
    const state = [u.disabled ? 'disabled' : 'active', ...(u.twoFactor ? ['2fa'] : [])].join(',');
    io.out(`${String(u.id).padStart(5)}  ${(u.email ?? '').padEnd(32)} ${u.role.padEnd(12)} ${state}\n`);
  }
  if (users.length === 0) io.out('No accounts yet: add one with jiaodian user add --email E --role admin --password-stdin\n');
  return 0;
}

function usage(detail: string): AppError {
  return new AppError('JD_ERR_CLI_USAGE', { detail });
}

async function readPassword(io: CliIo): Promise<string> {
  let text = '';
  for await (const chunk of io.stdin) text += chunk.toString();
  const line = text.split(/\r?\n/)[0] ?? '';
  if (line === '') throw usage('the password is read from standard input, which is empty (e.g. jiaodian user passwd --email E < file)');
  return line;
}
