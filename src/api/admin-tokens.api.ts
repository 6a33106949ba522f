import { z } from 'zod';
import type { ApiTokenService } from '../auth/api-token.service.js';
import type { AuditService } from '../auth/audit.service.js';
import { defineEndpoint, type Endpoint } from './endpoint.js';
import { idParams } from './admin-users.api.js';

/** What the tokens and audit admin API needs. */
export interface AdminTokensApiDeps {
  readonly tokens: ApiTokenService;
  readonly audit: AuditService;
}

const page = z.coerce.number({ error: 'a whole number from 1' }).int('a whole number from 1').min(1, 'a whole number from 1').max(100_000).default(1);
const limit = z.coerce.number({ error: 'a whole number from 1 to 200' }).int('a whole number from 1 to 200').min(1, 'a whole number from 1 to 200').max(200, 'a whole number from 1 to 200').default(50);
const instant = z.iso.datetime({ offset: true, error: 'an ISO 8601 date-time such as 2026-11-01T00:00:00Z' }).transform((v) => new Date(v).toISOString());
const positive = z.coerce.number({ error: 'a positive whole number' }).int('a positive whole number').min(1, 'a positive whole number').max(2_147_483_647);

/**
 * API tokens (`token.manage`) and the audit log (`audit.read`), both admins only.
 * `POST /api/v1/admin/tokens` answers the token's secret once, as `secret`; lists never do.
 */
export function adminTokenEndpoints(d: AdminTokensApiDeps): Endpoint[] {
  return [
    defineEndpoint({
      method: 'GET',
      url: '/api/v1/admin/tokens',
      summary: 'API tokens (never their secrets)',
      permissions: 'token.manage',
      cache: { maxAge: 0 },
      query: z.object({ revoked: z.enum(['true', 'false'], { error: 'true or false' }).optional() }),
      handler: async ({ query }) => ({ tokens: await d.tokens.list(query.revoked === 'true') }),
    }),
    defineEndpoint({
      method: 'POST',
      url: '/api/v1/admin/tokens',
      summary: 'Create an API token; its secret is shown in this answer only',
      permissions: 'token.manage',
      cache: { maxAge: 0 },
      statusCode: 201,
      body: z.unknown(),
      handler: async ({ body, actor }) => d.tokens.create(body, actor),
    }),
    defineEndpoint({
      method: 'DELETE',
      url: '/api/v1/admin/tokens/:id',
      summary: 'Revoke an API token',
      permissions: 'token.manage',
      cache: { maxAge: 0 },
      params: idParams,
      handler: async ({ params }) => ({ token: await d.tokens.revoke(params.id) }),
    }),
    defineEndpoint({
      method: 'GET',
      url: '/api/v1/admin/audit',
      summary: 'The audit log, newest first',
      permissions: 'audit.read',
      cache: { maxAge: 0 },
      query: z.object({
        page,
        limit,
        action: z.string().trim().min(1).max(200).optional(),
        user: positive.optional(),
        token: positive.optional(),
        target: z.string().max(500).optional(),
        ip: z.string().max(64).optional(),
        from: instant.optional(),
        to: instant.optional(),
      }),
      handler: async ({ query }) => {
        const { page: p, limit: l, user, token, ...rest } = query;
        const filter = Object.fromEntries(Object.entries({ ...rest, userId: user, tokenId: token }).filter(([, v]) => v !== undefined));
        const { entries, total } = await d.audit.list(filter, p, l);
        return { entries, meta: { page: p, limit: l, total } };
      },
    }),
  ];
}
