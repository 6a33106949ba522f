import Fastify from 'fastify';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../auth/permissions.js';
import { installErrorHandling } from '../http/errors.js';
import { defineEndpoint, registerEndpoints, type Endpoint } from './endpoint.js';

async function appWith(endpoints: Endpoint[], actor?: Actor) {
  const app = Fastify();
  installErrorHandling(app, async () => 'page');
  registerEndpoints(app, endpoints, { authenticate: async () => actor });
  await app.ready();
  return app;
}

const write = defineEndpoint({
  method: 'POST',
  url: '/api/v1/x',
  permissions: 'section.manage',
  cache: { maxAge: 0 },
  statusCode: 201,
  body: z.object({ name: z.string().min(1) }),
  handler: async ({ body, actor }) => ({ name: body.name, by: actor?.userId }),
});

describe('endpoint pipeline', () => {
  it('refuses to boot with an endpoint that names no known permission, or a protected one without authentication', () => {
    const app = Fastify();
    expect(() => registerEndpoints(app, [{ ...write, permissions: 'anything' as never }], { authenticate: async () => undefined })).toThrow(/no valid permissions/);
    expect(() => registerEndpoints(app, [write])).toThrow(/no valid permissions/);
  });

  it('answers 401 without an actor and 403 for a role without the right', async () => {
    expect((await (await appWith([write])).inject({ method: 'POST', url: '/api/v1/x', payload: { name: 'a' } })).statusCode).toBe(401);
    const res = await (await appWith([write], { userId: 2, role: 'author', via: 'token' })).inject({ method: 'POST', url: '/api/v1/x', payload: { name: 'a' } });
    expect(res.statusCode).toBe(403);
    expect(JSON.parse(res.body).error.code).toBe('JD_ERR_AUTH_FORBIDDEN');
  });

  it('validates the body by field and runs the handler for a permitted actor', async () => {
    const app = await appWith([write], { userId: 3, role: 'editor', via: 'token' });
    const bad = await app.inject({ method: 'POST', url: '/api/v1/x', payload: { name: '' } });
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body).error.fields.name).toBeTruthy();
    const ok = await app.inject({ method: 'POST', url: '/api/v1/x', payload: { name: '要聞' } });
    expect(ok.statusCode).toBe(201);
    expect(ok.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(ok.body)).toEqual({ name: '要聞', by: 3 });
  });
});
