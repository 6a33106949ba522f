import { z } from 'zod';
import type { SessionService } from '../auth/session.service.js';
import { ROLES } from '../auth/roles.js';
import type { UserService } from '../auth/user.service.js';
import { defineEndpoint, type Endpoint } from './endpoint.js';

/** What the users admin API needs. */
export interface AdminUsersApiDeps {
  readonly users: UserService;
  readonly sessions: SessionService;
}

/** `:id` of a URL: a positive whole number. */
export const idParams = z.object({ id: z.string().regex(/^[1-9]\d{0,9}$/, 'a positive whole number').transform(Number) });
const page = z.coerce.number({ error: 'a whole number from 1' }).int('a whole number from 1').min(1, 'a whole number from 1').max(100_000).default(1);
const limit = z.coerce.number({ error: 'a whole number from 1 to 100' }).int('a whole number from 1 to 100').min(1, 'a whole number from 1 to 100').max(100, 'a whole number from 1 to 100').default(20);

/** Body of `POST /api/v1/admin/users`: an account needs an e-mail to sign in with. */
const newAccount = z.object({
  email: z.email('an e-mail address').max(254),
  name: z.string().trim().min(1, '1 to 80 characters').max(80, '1 to 80 characters'),
  role: z.enum(ROLES, { error: `one of ${ROLES.join(', ')}` }),
  password: z.string().max(1024).optional(),
  bio: z.string().max(1000).optional(),
  slug: z.string().max(60).optional(),
});

/**
 * The users admin API (`user.manage`, admins only): list, create, read, update (name, bio,
 * role, disabled) and end a user's sessions. Lists are `{users, meta}`, one item `{user}`.
 */
export function adminUserEndpoints(d: AdminUsersApiDeps): Endpoint[] {
  return [
    defineEndpoint({
      method: 'GET',
      url: '/api/v1/admin/users',
      summary: 'Accounts, by id',
      permissions: 'user.manage',
      cache: { maxAge: 0 },
      query: z.object({
        page,
        limit,
        role: z.enum(ROLES, { error: `one of ${ROLES.join(', ')}` }).optional(),
        disabled: z.enum(['true', 'false'], { error: 'true or false' }).transform((v) => v === 'true').optional(),
      }),
      handler: async ({ query }) => {
        const { users, total } = await d.users.list({ ...(query.role ? { role: query.role } : {}), ...(query.disabled !== undefined ? { disabled: query.disabled } : {}) }, query.page, query.limit);
        return { users, meta: { page: query.page, limit: query.limit, total } };
      },
    }),
    defineEndpoint({
      method: 'POST',
      url: '/api/v1/admin/users',
      summary: 'Create an account',
      permissions: 'user.manage',
      cache: { maxAge: 0 },
      statusCode: 201,
      body: newAccount,
      handler: async ({ body }) => ({ user: await d.users.add(body) }),
    }),
    defineEndpoint({
      method: 'GET',
      url: '/api/v1/admin/users/:id',
      summary: 'One account',
      permissions: 'user.manage',
      cache: { maxAge: 0 },
      params: idParams,
      handler: async ({ params }) => ({ user: await d.users.get(params.id) }),
    }),
    defineEndpoint({
      method: 'PATCH',
      url: '/api/v1/admin/users/:id',
      summary: 'Change name, bio, role or disabled (disabling ends all sessions)',
      permissions: 'user.manage',
      cache: { maxAge: 0 },
      params: idParams,
      body: z.unknown(),
      handler: async ({ params, body }) => ({ user: await d.users.update(params.id, body) }),
    }),
    defineEndpoint({
      method: 'GET',
      url: '/api/v1/admin/users/:id/sessions',
      summary: "A user's sessions",
      permissions: 'user.manage',
      cache: { maxAge: 0 },
      params: idParams,
      handler: async ({ params }) => {
        await d.users.get(params.id);
        return { sessions: await d.sessions.list(params.id) };
      },
    }),
    defineEndpoint({
      method: 'DELETE',
      url: '/api/v1/admin/users/:id/sessions',
      summary: "End all of a user's sessions",
      permissions: 'user.manage',
      cache: { maxAge: 0 },
      params: idParams,
      handler: async ({ params }) => {
        await d.users.get(params.id);
        return { revoked: await d.sessions.revokeForUser(params.id) };
      },
    }),
  ];
}
