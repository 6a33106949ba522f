import { z } from 'zod';
import type { SiteSettingsService } from '../settings/site-settings.service.js';
import { defineEndpoint, type Endpoint } from './endpoint.js';

/** What the site settings API needs. */
export interface AdminSettingsApiDeps {
  readonly settings: SiteSettingsService;
}

/**
 * Site settings (`settings.manage`, admins): name, default variant, description, feeds and the
 * page cache's lifetimes. `PATCH` sets the given keys (`null` goes back to the configured
 * value); a bad value is a 400 whose `fields` name each setting. A change applies at once in
 * this process and within about 2 s in others, and drops every cached page.
 */
export function adminSettingsEndpoints(d: AdminSettingsApiDeps): Endpoint[] {
  return [
    defineEndpoint({
      method: 'GET',
      url: '/api/v1/admin/settings',
      summary: 'The site settings in effect, with the configured value of each',
      permissions: 'settings.manage',
      cache: { maxAge: 0 },
      handler: async () => d.settings.view(),
    }),
    defineEndpoint({
      method: 'PATCH',
      url: '/api/v1/admin/settings',
      summary: 'Change site settings (null resets one to its configured value)',
      description: 'Keys: `siteName`, `defaultVariant`, `siteDescription`, `feedItems`, `feedContent` (full|summary), `pageCacheTtl`, `pageCacheSwr` (seconds). Unknown keys are a 400.',
      permissions: 'settings.manage',
      cache: { maxAge: 0 },
      body: z.unknown(),
      handler: async ({ body, actor }) => d.settings.update(body, actor?.userId ?? null),
    }),
  ];
}
