import { loadConfig } from '../../config/index.js';
import { createContainer } from '../../container.js';
import { ROLES } from '../../auth/roles.js';
import { AppError } from '../../errors/index.js';
import { configFlags, GLOBAL_HELP, type Command } from '../args.js';

/** `jiaodian token …`: API tokens for integrations. */
export const tokenCommand: Command = {
  name: 'token',
  summary: 'manage admin-API tokens (token create | list | revoke)',
  help: `Usage: jiaodian token create --name N --role R [--user E] [--json]
       jiaodian token list [--all] [--json]
       jiaodian token revoke ID

create    prints a new token once, on its own line: store it now, it cannot be shown again
          (only its SHA-256 is kept). Send it as "Authorization: Bearer <token>".
          With --user the token acts for that member and never above their current role;
          without it, it acts for no member (it owns no articles).
list      tokens with id, name, role, last use; --all includes revoked ones. Never the secret.
revoke    stops a token at once.

  --name N              what the token is for (1 to 80 characters)
  --role R              ${ROLES.join(' | ')}
  --user E              e-mail of the member the token acts for
  --all                 (list) include revoked tokens
  --json                one JSON document: create {"token":{…},"secret"}; list {"tokens":[…]}
${GLOBAL_HELP}`,
  options: { name: { type: 'string' }, role: { type: 'string' }, user: { type: 'string' }, all: { type: 'boolean' }, json: { type: 'boolean' } },
  async run(args, io) {
    const [sub, ...rest] = args.positionals;
    const json = args.values.json === true;
    if (sub === 'create' && rest.length === 0) {
      if (typeof args.values.name !== 'string') throw usage('--name is required');
      if (typeof args.values.role !== 'string') throw usage(`--role is required (${ROLES.join(', ')})`);
    } else if (!(sub === 'list' && rest.length === 0) && !(sub === 'revoke' && rest.length === 1)) {
      throw usage(`unknown token command ${JSON.stringify(args.positionals.join(' '))}: use jiaodian token create|list|revoke (see --help)`);
    }
    const c = await createContainer(loadConfig(configFlags(args.values), io.env));
    try {
      if (sub === 'create') {
        const owner = typeof args.values.user === 'string' ? await c.users.byEmail(args.values.user) : undefined;
        if (owner?.disabled_at) throw usage(`${owner.email} is disabled: a token for them would not work`);
        // A token for a member may not outrank them, whoever makes it.
        const creator = owner ? { userId: owner.id, role: owner.role as (typeof ROLES)[number], via: 'session' as const } : undefined;
        const made = await c.auth.tokens.create({ name: args.values.name, role: args.values.role }, creator, owner?.id ?? null);
        await c.auth.audit.record({ actor: 'cli', action: 'token.create', target: `token:${made.token.id}`, details: { name: made.token.name, role: made.token.role, userId: made.token.userId } });
        if (json) io.out(`${JSON.stringify(made)}\n`);
        else {
          io.err(`Created token ${made.token.id} "${made.token.name}" (${made.token.role}). It is shown once:\n`);
          io.out(`${made.secret}\n`);
        }
      } else if (sub === 'list') {
        const tokens = await c.auth.tokens.list(args.values.all === true);
        if (json) io.out(`${JSON.stringify({ tokens })}\n`);
        else for (const t of tokens) io.out(`${String(t.id).padStart(5)}  ${t.prefix}…  ${t.name.padEnd(24)} ${t.role.padEnd(12)} last used ${t.lastUsedAt ?? 'never'}${t.revokedAt ? `  revoked ${t.revokedAt}` : ''}\n`);
      } else {
        const id = /^[1-9]\d{0,9}$/.test(rest[0]!) ? Number(rest[0]) : NaN;
        if (Number.isNaN(id)) throw usage(`token id must be a positive whole number, not ${JSON.stringify(rest[0])}`);
        const t = await c.auth.tokens.revoke(id);
        await c.auth.audit.record({ actor: 'cli', action: 'token.revoke', target: `token:${id}` });
        if (json) io.out(`${JSON.stringify({ token: t })}\n`);
        else io.out(`Revoked token ${t.id} "${t.name}".\n`);
      }
      return 0;
    } finally {
      await c.close();
    }
  },
};

function usage(detail: string): AppError {
  return new AppError('JD_ERR_CLI_USAGE', { detail });
}
