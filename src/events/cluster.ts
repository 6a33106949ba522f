/**
 * Messages between the processes that serve one site. One process alone needs nobody to tell:
 * `LocalCluster` delivers nothing. With `REDIS_URL` set, the Redis bridge (src/events) carries
 * them to every other process; the sender never receives its own message back.
 */
export type ClusterMessage =
  /** Drop the cached pages carrying any of these dependency tags. */
  | { readonly type: 'cache.purge'; readonly tags: readonly string[] }
  /** Drop every cached page (dictionary change, settings change, resync after an outage). */
  | { readonly type: 'cache.purgeAll' };

/** The channel a process uses to tell the others, and to hear them. */
export interface Cluster {
  /** Sends to every other process; never throws (an outage is logged once by the bridge). */
  publish(message: ClusterMessage): void;
  /** Runs `handler` for each message from another process. */
  onMessage(handler: (message: ClusterMessage) => void): void;
  /**
   * Runs `handler` when the channel comes back after an outage: messages sent meanwhile were
   * lost, so local caches must assume they are stale.
   */
  onResync(handler: () => void): void;
  close(): Promise<void>;
}

/** A single process: nothing to send, nothing to hear. */
export class LocalCluster implements Cluster {
  publish(_message: ClusterMessage): void {}
  onMessage(_handler: (message: ClusterMessage) => void): void {}
  onResync(_handler: () => void): void {}
  async close(): Promise<void> {}
}
