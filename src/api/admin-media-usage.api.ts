import { z } from 'zod';
import type { MediaLibrary } from '../media/media-library.js';
import { defineEndpoint, type Endpoint } from './endpoint.js';

/** What the media usage endpoint needs. */
export interface AdminMediaUsageApiDeps {
  readonly media: MediaLibrary;
}

const idParams = z.object({ id: z.string().regex(/^[1-9]\d{0,9}$/, 'a positive whole number').transform(Number) });

/**
 * Where a media file is used (`media.upload`): the articles that show it as cover or in their
 * text, so the library can say what a delete would break before anyone tries it.
 */
export function adminMediaUsageEndpoints(d: AdminMediaUsageApiDeps): Endpoint[] {
  return [
    defineEndpoint({
      method: 'GET',
      url: '/api/v1/admin/media/:id/usage',
      summary: 'Articles that use a media file (up to 20 ids)',
      permissions: 'media.upload',
      cache: { maxAge: 0 },
      params: idParams,
      handler: async ({ params }) => ({ usage: { articles: await d.media.usage(params.id) } }),
    }),
  ];
}
