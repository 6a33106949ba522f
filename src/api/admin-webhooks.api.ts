import { z } from 'zod';
import { newWebhookSchema, webhookPatchSchema } from '../webhooks/webhook-input.js';
import type { WebhookService } from '../webhooks/webhook.service.js';
import { defineEndpoint, type Endpoint } from './endpoint.js';

/** What the webhooks admin API needs. */
export interface AdminWebhooksApiDeps {
  readonly webhooks: WebhookService;
}

const idParams = z.object({ id: z.string().regex(/^[1-9]\d{0,9}$/, 'a positive whole number').transform(Number) });
const page = z.coerce.number({ error: 'a whole number from 1' }).int('a whole number from 1').min(1, 'a whole number from 1').max(100_000).default(1);
const limit = z.coerce.number({ error: 'a whole number from 1 to 100' }).int('a whole number from 1 to 100').min(1, 'a whole number from 1 to 100').max(100, 'a whole number from 1 to 100').default(20);

/**
 * Webhooks (`webhook.manage`, admins only). `POST` and `POST …/{id}/secret` answer the signing
 * secret once, as `secret`; nothing else ever returns it. Lists are `{webhooks, meta}` and
 * `{deliveries, meta}`, one item `{webhook}`.
 */
export function adminWebhookEndpoints(d: AdminWebhooksApiDeps): Endpoint[] {
  return [
    defineEndpoint({
      method: 'GET',
      url: '/api/v1/admin/webhooks',
      summary: 'Webhooks (never their secrets)',
      permissions: 'webhook.manage',
      cache: { maxAge: 0 },
      query: z.object({ page, limit }),
      handler: async ({ query }) => {
        const { items, total } = await d.webhooks.list(query.page, query.limit);
        return { webhooks: items, meta: { page: query.page, limit: query.limit, total } };
      },
    }),
    defineEndpoint({
      method: 'POST',
      url: '/api/v1/admin/webhooks',
      summary: 'Create a webhook; its signing secret is shown in this answer only',
      permissions: 'webhook.manage',
      cache: { maxAge: 0 },
      statusCode: 201,
      body: newWebhookSchema,
      handler: async ({ body, actor }) => d.webhooks.create(body, actor),
    }),
    defineEndpoint({
      method: 'GET',
      url: '/api/v1/admin/webhooks/:id',
      summary: 'One webhook',
      permissions: 'webhook.manage',
      cache: { maxAge: 0 },
      params: idParams,
      handler: async ({ params }) => ({ webhook: await d.webhooks.get(params.id) }),
    }),
    defineEndpoint({
      method: 'PATCH',
      url: '/api/v1/admin/webhooks/:id',
      summary: 'Change url, events or active (turning it on again clears its failures)',
      permissions: 'webhook.manage',
      cache: { maxAge: 0 },
      params: idParams,
      body: webhookPatchSchema,
      handler: async ({ params, body }) => ({ webhook: await d.webhooks.update(params.id, body) }),
    }),
    defineEndpoint({
      method: 'DELETE',
      url: '/api/v1/admin/webhooks/:id',
      summary: 'Delete a webhook with its queue and delivery log',
      permissions: 'webhook.manage',
      cache: { maxAge: 0 },
      params: idParams,
      handler: async ({ params }) => ({ webhook: await d.webhooks.remove(params.id) }),
    }),
    defineEndpoint({
      method: 'POST',
      url: '/api/v1/admin/webhooks/:id/secret',
      summary: 'Replace the signing secret; the new one is shown in this answer only',
      permissions: 'webhook.manage',
      cache: { maxAge: 0 },
      params: idParams,
      handler: async ({ params }) => d.webhooks.rotateSecret(params.id),
    }),
    defineEndpoint({
      method: 'GET',
      url: '/api/v1/admin/webhooks/:id/deliveries',
      summary: 'The delivery log: deliveries, newest first, each with its attempts',
      permissions: 'webhook.manage',
      cache: { maxAge: 0 },
      params: idParams,
      query: z.object({ page, limit }),
      handler: async ({ params, query }) => {
        const { items, total } = await d.webhooks.deliveries(params.id, query.page, query.limit);
        return { deliveries: items, meta: { page: query.page, limit: query.limit, total } };
      },
    }),
  ];
}
