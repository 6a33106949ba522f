import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import { FastPath } from './fast-path.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

/** A server from the fast path whose "Fastify" answers `fastify`. */
async function serve(fast: FastPath): Promise<string> {
  server = fast.serverFactory()((_req, res) => res.end('fastify'));
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the fast path', () => {
  it('asks each handler in order and hands the rest to Fastify', async () => {
    const fast = new FastPath();
    const asked: string[] = [];
    fast.add((req, res) => (asked.push('a'), req.url === '/a' ? (res.end('a'), true) : false));
    fast.add((req, res) => (asked.push('b'), req.url === '/b' ? (res.end('b'), true) : false));
    const origin = await serve(fast);
    expect(await (await fetch(`${origin}/a`)).text()).toBe('a');
    expect(await (await fetch(`${origin}/b`)).text()).toBe('b');
    expect(await (await fetch(`${origin}/c`)).text()).toBe('fastify');
    expect(asked).toEqual(['a', 'a', 'b', 'a', 'b']);
  });

  it('leaves the request to Fastify when a handler throws before answering', async () => {
    const fast = new FastPath();
    fast.add(() => {
      throw new TypeError('broken handler');
    });
    expect(await (await fetch(`${await serve(fast)}/x`)).text()).toBe('fastify');
  });
});
