import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, authHarness, signIn, type AuthHarness } from '../auth/auth.testkit.js';
import { can, type Actor, type Permission } from '../auth/permissions.js';
import { ROLES, type Role } from '../auth/roles.js';
import type { Container } from '../container.js';
import { openSqlite } from '../db/index.js';

/**
 * One row per admin endpoint: the right it needs and how to call it. The walk below expects,
 * for every role, a 2xx where the permission matrix (src/auth/permissions.ts) grants the right
 * and a 403 where it does not, and a 401 for nobody. Add your endpoints' rows here.
 */
interface MatrixCase {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  readonly right: Permission;
  /** Builds the URL and body of one call; `n` is unique per call. */
  readonly call: (ctx: { c: Container; n: number; targetUserId: number }) => Promise<{ url: string; payload?: object }>;
}

const CASES: readonly MatrixCase[] = [
  { method: 'GET', right: 'user.manage', call: async () => ({ url: '/api/v1/admin/users' }) },
  { method: 'POST', right: 'user.manage', call: async ({ n }) => ({ url: '/api/v1/admin/users', payload: { email: `new${n}@example.com`, name: `新人${n}`, role: 'contributor' } }) },
  { method: 'GET', right: 'user.manage', call: async ({ targetUserId }) => ({ url: `/api/v1/admin/users/${targetUserId}` }) },
  { method: 'PATCH', right: 'user.manage', call: async ({ targetUserId, n }) => ({ url: `/api/v1/admin/users/${targetUserId}`, payload: { bio: `bio ${n}` } }) },
  { method: 'GET', right: 'user.manage', call: async ({ targetUserId }) => ({ url: `/api/v1/admin/users/${targetUserId}/sessions` }) },
  { method: 'DELETE', right: 'user.manage', call: async ({ targetUserId }) => ({ url: `/api/v1/admin/users/${targetUserId}/sessions` }) },
  { method: 'GET', right: 'token.manage', call: async () => ({ url: '/api/v1/admin/tokens' }) },
  { method: 'POST', right: 'token.manage', call: async ({ n }) => ({ url: '/api/v1/admin/tokens', payload: { name: `feed ${n}`, role: 'contributor' } }) },
  {
    method: 'DELETE',
    right: 'token.manage',
    call: async ({ c, n }) => ({ url: `/api/v1/admin/tokens/${(await c.auth.tokens.create({ name: `doomed ${n}`, role: 'contributor' })).token.id}` }),
  },
  { method: 'GET', right: 'audit.read', call: async () => ({ url: '/api/v1/admin/audit?limit=5' }) },
];

let h: AuthHarness;
let target: number;
const tokens = new Map<Role, string>();
const browsers = new Map<Role, { cookie: string; csrf: string }>();
let n = 0;

beforeAll(async () => {
  h = await authHarness(openSqlite(':memory:'));
  target = await addUser(h.c, 'target@example.com', 'contributor');
  for (const role of ROLES) {
    const id = await addUser(h.c, `${role}@example.com`, role);
    tokens.set(role, (await h.c.auth.tokens.create({ name: `${role} token`, role }, undefined, id)).secret);
    const b = await signIn(h.app, `${role}@example.com`);
    browsers.set(role, { cookie: b.cookie, csrf: b.csrf });
  }
});
afterAll(async () => {
  await h?.close();
});

async function call(app: FastifyInstance, k: MatrixCase, headers: Record<string, string>) {
  const { url, payload } = await k.call({ c: h.c, n: ++n, targetUserId: target });
  return app.inject({ method: k.method, url, headers, ...(payload ? { payload } : {}) });
}

describe('the permission matrix over the admin API', () => {
  for (const k of CASES) {
    const name = `${k.method} ${k.right}`;
    it(`${name}: nobody gets 401`, async () => {
      const res = await call(h.app, k, {});
      expect(res.statusCode).toBe(401);
    });
    for (const role of ROLES) {
      const allowed = can({ userId: 1, role, via: 'token' } satisfies Actor, k.right);
      it(`${name}: ${role} gets ${allowed ? '2xx' : '403'} with a token and with a session`, async () => {
        const viaToken = await call(h.app, k, { authorization: `Bearer ${tokens.get(role)}` });
        const b = browsers.get(role)!;
        const viaSession = await call(h.app, k, { cookie: b.cookie, 'x-csrf-token': b.csrf });
        for (const res of [viaToken, viaSession]) {
          if (allowed) expect(res.statusCode, res.body).toBeGreaterThanOrEqual(200);
          if (allowed) expect(res.statusCode, res.body).toBeLessThan(300);
          else expect(JSON.parse(res.body).error.code).toBe('JD_ERR_AUTH_FORBIDDEN');
          if (!allowed) expect(res.statusCode).toBe(403);
        }
      });
    }
  }
});
