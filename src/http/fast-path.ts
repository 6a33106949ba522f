import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { AnswerBatch } from './answer-batch.js';

/**
 * A handler that may answer a request before Fastify sees it. It returns true when it took the
 * request (it has answered, will answer asynchronously, or will hand it to Fastify later with
 * `toFastify(req, res)`), false to let the next handler or Fastify have it. It must decide
 * synchronously and cheaply: it runs on every request.
 */
export type FastHandler = (req: IncomingMessage, res: ServerResponse, toFastify: (req: IncomingMessage, res: ServerResponse) => void) => boolean;

/**
 * The ordered list of fast handlers in front of Fastify. Routing, hooks and reply objects cost
 * more than serving a cached page does, so the page cache (and the views beacon) answer here,
 * on the bare `node:http` request. Handlers are added before the server starts listening.
 *
 * @example
 * const fast = new FastPath();
 * fast.add((req, res) => (req.url === '/ping' ? (res.end('pong'), true) : false));
 * const app = Fastify({ serverFactory: fast.serverFactory() });
 */
export class FastPath {
  readonly #handlers: FastHandler[] = [];
  /** Where handlers put answers that are ready at once, written together each turn (answer-batch.ts). */
  readonly answers = new AnswerBatch();

  /** Appends a handler; earlier handlers are asked first. */
  add(handler: FastHandler): void {
    this.#handlers.push(handler);
  }

  /** How many handlers there are (a server with none goes straight to Fastify). */
  get size(): number {
    return this.#handlers.length;
  }

  /**
   * Fastify's `serverFactory`: an `http.Server` whose request listener asks each fast handler
   * in turn and hands the request to Fastify when none takes it.
   */
  serverFactory(): (fastify: (req: IncomingMessage, res: ServerResponse) => void) => Server {
    const handlers = this.#handlers;
    return (fastify) =>
      createServer((req, res) => {
        try {
          for (let i = 0; i < handlers.length; i++) if (handlers[i]!(req, res, fastify)) return;
        } catch {
          // A fast handler that fails leaves the request to Fastify, whose error handling answers.
          if (res.headersSent) return void res.destroy();
        }
        fastify(req, res);
      });
  }
}
