import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../dialect.js';

/**
 * Webhooks (src/webhooks): subscriptions, the delivery queue and the delivery log.
 *
 * - `webhooks`: where to POST and which events; the signing secret is kept as is (it must be
 *   usable to sign) and is shown to the admin only once. The system turns a webhook off after
 *   repeated failures and says so in `disabled_at` / `disabled_reason`.
 * - `webhook_deliveries`: one payload for one webhook, frozen when the event happened so that
 *   every retry sends the same body. A process claims a due row by setting `claimed_until` in a
 *   conditional UPDATE, so each attempt runs once across processes.
 * - `webhook_attempts`: the delivery log, one row per attempt.
 */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  const ts = adapter.timestampType;
  await adapter
    .idColumn(db.schema.createTable('webhooks'))
    .addColumn('url', 'text', (c) => c.notNull())
    // Event names separated by commas.
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('disabled_at', ts)
    .addColumn('disabled_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'integer')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  await adapter
    .idColumn(db.schema.createTable('webhook_deliveries'))
    .addColumn('webhook_id', 'integer', (c) => c.notNull().references('webhooks.id').onDelete('cascade'))
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('article_id', 'integer')
    // The exact JSON body every attempt sends.
    .addColumn('payload', 'text', (c) => c.notNull())
    // pending | succeeded | failed (gave up) | cancelled (webhook off or deleted)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', ts, (c) => c.notNull())
    .addColumn('claimed_until', ts)
    .addColumn('claim_token', 'text')
    .addColumn('last_status_code', 'integer')
    .addColumn('last_error', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('finished_at', ts)
    .execute();
  // The dispatcher's question: which pending rows are due?
  await db.schema.createIndex('webhook_deliveries_due').on('webhook_deliveries').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('webhook_deliveries_hook').on('webhook_deliveries').columns(['webhook_id', 'id']).execute();

  await adapter
    .idColumn(db.schema.createTable('webhook_attempts'))
    .addColumn('delivery_id', 'integer', (c) => c.notNull().references('webhook_deliveries.id').onDelete('cascade'))
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('at', ts, (c) => c.notNull())
    .addColumn('ok', 'integer', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('error', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('webhook_attempts_delivery').on('webhook_attempts').columns(['delivery_id', 'attempt']).execute();
}
