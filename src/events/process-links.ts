import cluster from 'node:cluster';
import type { Config } from '../config/index.js';
import { databaseLease } from '../db/postgres/advisory-lease.js';
import { LocalCluster, type Cluster } from './cluster.js';
import { IpcCluster } from './ipc-cluster.js';
import { LocalLease, RedisLease, type Lease } from './lease.js';
import { RedisRateStore, type RateStore } from './rate-store.js';
import { clusterNamespace, RedisCluster, type ClusterLog } from './redis-cluster.js';

/**
 * Environment variable the primary of `serve --workers N` sets on exactly one worker: the one
 * that holds every lease when the workers have no Redis to elect one.
 */
export const LEADER_ENV = 'JIAODIAN_WORKER_LEADER';

/** How this process reaches the others serving the same site. */
export interface ProcessLinks {
  readonly cluster: Cluster;
  readonly lease: Lease;
  /** Counters shared by every process of the site (Redis only); absent: limits are per process. */
  readonly rates?: RateStore;
  /** `redis`, `ipc` (workers on one host) or `local` (alone). */
  readonly kind: 'redis' | 'ipc' | 'local';
  close(): Promise<void>;
}

/**
 * The one place that decides how processes of a site talk: over Redis when `REDIS_URL` is set
 * (any number of processes on any hosts: cache purges, leases, rate limits), else over node:cluster IPC
 * when this is a worker of `serve --workers N` (one host; the first worker holds the leases),
 * else not at all (on PostgreSQL, leases are advisory locks, for processes sharing the database
 * without Redis; their page caches then do not purge each other, see README). Start-up waits up to 2 s for Redis and then serves without it (the outage
 * is logged once, and the caches resync when it comes).
 *
 * @example
 * const links = await openProcessLinks(config);
 * const container = await createContainer(config, { cluster: links.cluster, lease: links.lease });
 */
export async function openProcessLinks(config: Config, env: NodeJS.ProcessEnv = process.env): Promise<ProcessLinks> {
  const log = clusterLog(config);
  if (config.redisUrl) {
    const redis = new RedisCluster({ url: config.redisUrl, namespace: clusterNamespace(config), log });
    await redis.ready(2000);
    const lease = new RedisLease({ redis: redis.commands, namespace: clusterNamespace(config) });
    return {
      cluster: redis,
      lease,
      rates: new RedisRateStore({ redis: redis.commands, namespace: clusterNamespace(config) }),
      kind: 'redis',
      close: async () => {
        await lease.release();
        await redis.close();
      },
    };
  }
  if (cluster.isWorker) {
    const ipc = new IpcCluster(process);
    const lease: Lease = env[LEADER_ENV] === '1' ? new LocalLease() : { hold: async () => false, release: async () => {} };
    return { cluster: ipc, lease, kind: 'ipc', close: () => ipc.close() };
  }
  // Alone as far as anyone can tell; on PostgreSQL other processes without Redis may still share
  // the database, so the singleton work takes an advisory lock there.
  const lease = databaseLease(config.databaseUrl) ?? new LocalLease();
  return { cluster: new LocalCluster(), lease, kind: 'local', close: () => lease.release() };
}

/** The bridge's log lines, in the format of the server's other background lines (stderr, JSON). */
function clusterLog(config: Config): ClusterLog {
  return (level, message) => {
    if (config.logLevel === 'silent' || config.logLevel === 'fatal' || config.logLevel === 'error') return;
    // A return after an outage is logged even at the default level (warn): it closes the warning.
    process.stderr.write(`${JSON.stringify({ level, time: new Date().toISOString(), msg: message })}\n`);
  };
}
