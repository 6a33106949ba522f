import { validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../db/index.js';
import { registeredEndpoints } from './endpoint.js';
import { newsroomHarness, type NewsroomHarness } from './newsroom.testkit.js';
import { openApiPath } from './openapi.js';

let h: NewsroomHarness;
let doc: any;

beforeAll(async () => {
  h = await newsroomHarness(openSqlite(':memory:'));
  const res = await h.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
  expect(res.statusCode).toBe(200);
  doc = JSON.parse(res.body);
});
afterAll(async () => {
  await h?.close();
});

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(doc));
    expect(result.valid, JSON.stringify('errors' in result ? result.errors : [], null, 2).slice(0, 3000)).toBe(true);
  });

  it('covers every registered endpoint, and every admin route the workflow issue names', () => {
    const registered = registeredEndpoints(h.app);
    expect(registered.length).toBeGreaterThan(40);
    for (const r of registered) {
      expect(doc.paths[openApiPath(r.path)]?.[r.endpoint.method.toLowerCase()], `${r.endpoint.method} ${r.path}`).toBeDefined();
    }
    const required = [
      'post /api/v1/admin/articles',
      'get /api/v1/admin/articles',
      'get /api/v1/admin/articles/{id}',
      'patch /api/v1/admin/articles/{id}',
      ...['submit', 'approve', 'return', 'publish', 'schedule', 'unpublish', 'archive'].map((a) => `post /api/v1/admin/articles/{id}/${a}`),
      'get /api/v1/admin/articles/{id}/revisions',
      'get /api/v1/admin/articles/{id}/revisions/{rev}',
      'get /api/v1/admin/articles/{id}/revisions/diff',
      'post /api/v1/admin/articles/{id}/revisions/{rev}/restore',
      ...['get', 'post'].map((m) => `${m} /api/v1/admin/sections`),
      ...['get', 'patch', 'delete'].map((m) => `${m} /api/v1/admin/sections/{id}`),
      ...['get', 'post'].map((m) => `${m} /api/v1/admin/tags`),
      ...['get', 'patch', 'delete'].map((m) => `${m} /api/v1/admin/tags/{id}`),
      'post /api/v1/admin/tags/{id}/merge',
      'get /api/v1/articles',
      'get /api/v1/search',
      'get /api/v1/openapi.json',
    ];
    for (const op of required) {
      const [method, path] = op.split(' ') as [string, string];
      expect(doc.paths[path]?.[method], op).toBeDefined();
    }
  });

  it('documents routes outside the pipeline too, and only routes that are served', () => {
    for (const path of ['/api/v1/auth/login', '/api/v1/docs']) expect(Object.keys(doc.paths)).toContain(path);
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      const url = path.replace(/\{(\w+)\}/g, ':$1');
      for (const method of Object.keys(item)) expect(h.app.hasRoute({ method: method.toUpperCase() as 'GET', url }), `${method} ${path}`).toBe(true);
    }
  });

  it('describes parameters, bodies and security from the zod schemas', () => {
    const patch = doc.paths['/api/v1/admin/articles/{id}'].patch;
    expect(patch.parameters).toContainEqual(expect.objectContaining({ name: 'id', in: 'path', required: true }));
    const body = patch.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(['version']);
    expect(Object.keys(body.properties)).toEqual(expect.arrayContaining(['title', 'bodyHtml', 'tags', 'source', 'version']));
    expect(patch.security).toEqual([{ bearerAuth: [] }, { cookieAuth: [] }]);
    expect(patch['x-permission']).toBe('article.edit.own');
    expect(patch.responses['409']).toBeDefined();
    const list = doc.paths['/api/v1/admin/articles'].get;
    const status = list.parameters.find((p: { name: string }) => p.name === 'status');
    expect(status).toMatchObject({ in: 'query', required: false });
    expect(doc.paths['/api/v1/articles'].get.security).toEqual([]);
    expect(doc.components.securitySchemes).toMatchObject({ bearerAuth: { type: 'http', scheme: 'bearer' }, cookieAuth: { type: 'apiKey', in: 'cookie' } });
    const schedule = doc.paths['/api/v1/admin/articles/{id}/schedule'].post.requestBody.content['application/json'].schema;
    expect(schedule.required).toEqual(expect.arrayContaining(['version', 'publishAt']));
  });
});

describe('the docs page', () => {
  it('lists every operation as plain HTML with no script', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/v1/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.body).not.toMatch(/<script|https?:\/\/(?!127\.0\.0\.1)[^"]*\.js/);
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      const escaped = path.replace(/&/g, '&amp;');
      expect(res.body, path).toContain(escaped);
      for (const method of Object.keys(item)) expect(res.body).toContain(`<span class="m ${method}">`);
    }
    expect(res.body).toContain('version');
  });
});
