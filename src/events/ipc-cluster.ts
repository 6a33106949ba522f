import type { Cluster, ClusterMessage } from './cluster.js';

/** Marks our messages among whatever else travels over a worker's IPC channel. */
const TAG = 'jiaodian.cluster';

/** A cluster message as it travels between a worker and the primary. */
export interface IpcEnvelope {
  readonly [TAG]: true;
  readonly m: ClusterMessage;
}

/** Whether an IPC message is one of ours. */
export function isIpcEnvelope(v: unknown): v is IpcEnvelope {
  return typeof v === 'object' && v !== null && (v as Record<string, unknown>)[TAG] === true && typeof (v as { m?: { type?: unknown } }).m?.type === 'string';
}

/** Wraps a message for the IPC channel. */
export function ipcEnvelope(m: ClusterMessage): IpcEnvelope {
  return { [TAG]: true, m };
}

/** The process side of an IPC channel (a node:cluster worker's `process`). */
export interface IpcPort {
  send?(message: unknown): boolean;
  on(event: 'message', handler: (message: unknown) => void): unknown;
  off(event: 'message', handler: (message: unknown) => void): unknown;
}

/**
 * The channel between the workers of `jiaodian serve --workers N` on one host when there is no
 * Redis: a worker sends to the primary over node:cluster's IPC, and the primary relays to every
 * other worker (src/http/workers.ts). The primary never dies while its workers live, so there
 * is no outage to resync after; `onResync` handlers never run.
 *
 * @example
 * const cluster = new IpcCluster(process); // inside a worker
 */
export class IpcCluster implements Cluster {
  readonly #port: IpcPort;
  readonly #handlers: Array<(m: ClusterMessage) => void> = [];
  readonly #listener = (raw: unknown) => {
    if (!isIpcEnvelope(raw)) return;
    for (const handler of this.#handlers) {
      try {
        handler(raw.m);
      } catch {
        // One failing cache must not keep the others from hearing the message.
      }
    }
  };
  #closed = false;

  constructor(port: IpcPort) {
    this.#port = port;
    port.on('message', this.#listener);
  }

  publish(message: ClusterMessage): void {
    if (this.#closed) return;
    try {
      this.#port.send?.(ipcEnvelope(message));
    } catch {
      // The primary is gone (shutdown): nobody is left to tell.
    }
  }

  onMessage(handler: (message: ClusterMessage) => void): void {
    this.#handlers.push(handler);
  }

  onResync(_handler: () => void): void {}

  async close(): Promise<void> {
    this.#closed = true;
    this.#port.off('message', this.#listener);
  }
}
