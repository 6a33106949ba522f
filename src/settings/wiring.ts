import type { Config } from '../config/index.js';
import type { Db } from '../db/index.js';
import type { EventBus } from '../events/bus.js';
import type { Cluster } from '../events/cluster.js';
import { SiteSettingsRepo } from './site-settings.repo.js';
import { SiteSettingsService } from './site-settings.service.js';

/**
 * The site settings service, wired for the container. A change is announced on the bus
 * (`settings.changed`: the local page cache drops its pages) and to the other processes
 * (`cache.purgeAll`); hearing a purge-all or a resync from them makes the next request re-read
 * the settings' version at once instead of within the 2-second check, so no process renders
 * (and caches) a fresh page with old settings.
 */
export function siteSettingsOf(k: Db['kysely'], config: Config, now: () => Date, events: EventBus, cluster: Cluster | undefined): SiteSettingsService {
  const service = new SiteSettingsService({
    repo: new SiteSettingsRepo(k),
    config,
    now,
    onChange: async () => {
      await events.emit({ type: 'settings.changed' });
      cluster?.publish({ type: 'cache.purgeAll' });
    },
  });
  cluster?.onMessage((m) => {
    if (m.type === 'cache.purgeAll') service.invalidate();
  });
  cluster?.onResync(() => service.invalidate());
  return service;
}
