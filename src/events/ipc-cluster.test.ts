import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { ClusterMessage } from './cluster.js';
import { IpcCluster, ipcEnvelope, isIpcEnvelope } from './ipc-cluster.js';

/** A fake worker `process`: what it sends is kept; `deliver` plays the primary's relay. */
class FakePort extends EventEmitter {
  sent: unknown[] = [];
  send(message: unknown): boolean {
    this.sent.push(message);
    return true;
  }
  deliver(message: unknown): void {
    this.emit('message', message);
  }
}

describe('IpcCluster', () => {
  it('sends tagged messages to the primary and hears relayed ones, ignoring other IPC traffic', async () => {
    const port = new FakePort();
    const cluster = new IpcCluster(port);
    const got: ClusterMessage[] = [];
    cluster.onMessage((m) => got.push(m));
    cluster.publish({ type: 'cache.purge', tags: ['home'] });
    expect(port.sent).toHaveLength(1);
    expect(isIpcEnvelope(port.sent[0])).toBe(true);
    port.deliver({ cmd: 'NODE_CLUSTER' });
    port.deliver('hello');
    port.deliver(ipcEnvelope({ type: 'cache.purgeAll' }));
    expect(got).toEqual([{ type: 'cache.purgeAll' }]);
    await cluster.close();
    port.deliver(ipcEnvelope({ type: 'cache.purgeAll' }));
    cluster.publish({ type: 'cache.purgeAll' });
    expect(got).toHaveLength(1);
    expect(port.sent).toHaveLength(1);
  });

  it('keeps delivering when a handler throws, and does not throw without a primary', () => {
    const port = new FakePort();
    const cluster = new IpcCluster(port);
    const got: ClusterMessage[] = [];
    cluster.onMessage(() => {
      throw new Error('boom');
    });
    cluster.onMessage((m) => got.push(m));
    port.deliver(ipcEnvelope({ type: 'cache.purgeAll' }));
    expect(got).toHaveLength(1);
    const orphan = new IpcCluster({ on: () => undefined, off: () => undefined, send: () => { throw new Error('channel closed'); } });
    expect(() => orphan.publish({ type: 'cache.purgeAll' })).not.toThrow();
  });
});
