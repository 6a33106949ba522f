import { createServer, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AnswerBatch } from './answer-batch.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

/** A server whose every request is handed to `handle`; its origin. */
async function serve(handle: (url: string, method: string, res: ServerResponse) => void): Promise<string> {
  server = createServer((req, res) => handle(req.url!, req.method!, res));
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A request over a fresh connection: its status, one header and body, or the error it ended with. */
function get(origin: string, path: string, method = 'GET'): Promise<{ status: number; header: string | undefined; body: string } | Error> {
  return new Promise((resolve) => {
    const req = request(`${origin}${path}`, { method, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, header: res.headers['x-which'] as string | undefined, body }));
      res.on('error', resolve);
    });
    req.on('error', resolve);
    req.end();
  });
}

describe('AnswerBatch', () => {
  it('writes nothing while the turn runs, then every queued answer, with its status, headers and body', async () => {
    const answers = new AnswerBatch();
    const sentAtOnce: boolean[] = [];
    const origin = await serve((url, method, res) => {
      if (url === '/a') answers.add(res, 200, { 'x-which': 'a' }, 'body a');
      else if (url === '/b') answers.add(res, 404, ['x-which', 'b'], Buffer.from('body b'));
      else answers.add(res, 204, { 'x-which': method });
      sentAtOnce.push(res.headersSent);
    });
    const [a, b, c, head] = await Promise.all([get(origin, '/a'), get(origin, '/b'), get(origin, '/c', 'POST'), get(origin, '/a', 'HEAD')]);
    expect(a).toEqual({ status: 200, header: 'a', body: 'body a' });
    expect(b).toEqual({ status: 404, header: 'b', body: 'body b' });
    expect(c).toEqual({ status: 204, header: 'POST', body: '' });
    // HEAD: Node sends the headers and no body.
    expect(head).toEqual({ status: 200, header: 'a', body: '' });
    expect(sentAtOnce).toEqual([false, false, false, false]);
    expect(answers.size).toBe(0);
  });

  it('writes all the answers queued in one turn in one run', async () => {
    const answers = new AnswerBatch();
    const fakes = [0, 1, 2].map((i) => {
      const written: unknown[] = [];
      const res = {
        headersSent: false,
        destroyed: false,
        writeHead: (status: number) => void written.push(status + i),
        end: (body: unknown) => void written.push(body),
        destroy: () => undefined,
      };
      return { res: res as unknown as ServerResponse, written };
    });
    for (const f of fakes) answers.add(f.res, 200, {}, 'x');
    expect(answers.size).toBe(3);
    expect(fakes.map((f) => f.written)).toEqual([[], [], []]);
    await new Promise((r) => setImmediate(r));
    expect(fakes.map((f) => f.written)).toEqual([[200, 'x'], [201, 'x'], [202, 'x']]);
    expect(answers.size).toBe(0);
  });

  it('skips an answer already sent and drops the connection of one that cannot be written, answering the rest', async () => {
    const answers = new AnswerBatch();
    const origin = await serve((url, _method, res) => {
      if (url === '/bad') answers.add(res, 200, { 'x-which': 'line\nbreak' }, 'never');
      else if (url === '/answered') {
        res.end('answered directly');
        answers.add(res, 500, {}, 'must not be written');
      } else answers.add(res, 200, { 'x-which': 'ok' }, 'fine');
    });
    const [bad, answered, ok] = await Promise.all([get(origin, '/bad'), get(origin, '/answered'), get(origin, '/ok')]);
    expect(bad).toBeInstanceOf(Error);
    expect(answered).toEqual({ status: 200, header: undefined, body: 'answered directly' });
    expect(ok).toEqual({ status: 200, header: 'ok', body: 'fine' });
  });
});
