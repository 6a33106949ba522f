import { z } from 'zod';
import { checkWebhookUrl, urlMessages } from './url-policy.js';

/** Events a webhook can subscribe to. */
export const WEBHOOK_EVENTS = ['article.published', 'article.updated', 'article.unpublished'] as const;

/** A webhook event name. */
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

const eventList = `one of ${WEBHOOK_EVENTS.join(', ')}`;

const url = z.string({ error: urlMessages.invalid }).transform((value, ctx) => {
  const checked = checkWebhookUrl(value);
  if ('error' in checked) {
    ctx.addIssue({ code: 'custom', message: checked.error });
    return z.NEVER;
  }
  return checked.url;
});

const events = z
  .array(z.enum(WEBHOOK_EVENTS, { error: eventList }), { error: `a list of events, each ${eventList}` })
  .min(1, `at least one event: ${eventList}`)
  .max(WEBHOOK_EVENTS.length * 4)
  .transform((list) => WEBHOOK_EVENTS.filter((e) => list.includes(e)));

const active = z.boolean({ error: 'true or false' });
const strict = { error: (issue: { code: string }) => (issue.code === 'unrecognized_keys' ? 'unknown field: only url, events and active' : 'a JSON object') };

/** Body of `POST /api/v1/admin/webhooks`. The secret is made by the server, never sent. */
export const newWebhookSchema = z.strictObject({ url, events, active: active.default(true) }, strict);

/** Body of `PATCH /api/v1/admin/webhooks/{id}`: any of url, events, active. */
export const webhookPatchSchema = z.strictObject({ url: url.optional(), events: events.optional(), active: active.optional() }, strict);

/** A validated new webhook. */
export type NewWebhookInput = z.output<typeof newWebhookSchema>;
/** A validated change. */
export type WebhookPatch = z.output<typeof webhookPatchSchema>;
