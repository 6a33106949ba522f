import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../dialect.js';

/**
 * Accounts and access (src/auth): a user can be disabled and can turn on TOTP two-factor;
 * sessions and API tokens are kept as SHA-256 hashes of their secrets, never the secrets;
 * `login_throttle` counts failed sign-ins per account and per address (both keys hashed) so
 * that lockouts hold across processes and restarts.
 */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  const ts = adapter.timestampType;
  // SQLite adds one column per ALTER TABLE.
  await db.schema.alterTable('users').addColumn('disabled_at', ts).execute();
  await db.schema.alterTable('users').addColumn('totp_secret', 'text').execute();
  await db.schema.alterTable('users').addColumn('totp_pending_secret', 'text').execute();
  // The last accepted TOTP time step: a code is never accepted twice.
  await db.schema.alterTable('users').addColumn('totp_last_step', 'integer').execute();

  await adapter
    .idColumn(db.schema.createTable('sessions'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('last_seen_at', ts, (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('user_agent', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').columns(['user_id']).execute();

  await adapter
    .idColumn(db.schema.createTable('api_tokens'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    // The first characters of the token, to tell tokens apart in lists.
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    // The member the token acts for; null for tokens made with the CLI without --user.
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('last_used_at', ts)
    .addColumn('revoked_at', ts)
    .execute();

  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_started_at', ts, (c) => c.notNull())
    .addColumn('locked_until', ts)
    .execute();
}
