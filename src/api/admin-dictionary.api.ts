import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { DictionaryService, TermInput } from '../dictionary/dictionary.service.js';
import { defineEndpoint, type Endpoint } from './endpoint.js';
import { idParams } from './admin-users.api.js';

/** What the site dictionary API needs. */
export interface AdminDictionaryApiDeps {
  readonly dictionary: DictionaryService;
  /** Runs after each change: every converted page may read differently now. */
  readonly onChange: () => Promise<void>;
  /** Keeps a request out of the audit log: a preview is a POST that changes nothing. */
  readonly notAudited?: (req: FastifyRequest) => void;
}

const previewBody = z.object({
  text: z.string({ error: 'text to convert' }).max(2000, 'at most 2000 characters'),
  // Validated by the dictionary: an unfinished term is simply left out of the preview.
  term: z.unknown().optional(),
  replaces: z.number().int().positive().optional(),
});

/**
 * The site dictionary of protected terms and per-variant overrides (`settings.manage`):
 * list, add, replace, remove, and a conversion preview that can include a term not saved yet.
 */
export function adminDictionaryEndpoints(d: AdminDictionaryApiDeps): Endpoint[] {
  return [
    defineEndpoint({
      method: 'GET',
      url: '/api/v1/admin/dictionary',
      summary: 'The site dictionary',
      permissions: 'settings.manage',
      cache: { maxAge: 0 },
      handler: async () => ({ terms: await d.dictionary.list() }),
    }),
    defineEndpoint({
      method: 'POST',
      url: '/api/v1/admin/dictionary',
      summary: 'Add a term (without outputs it is protected: written the same in every variant)',
      permissions: 'settings.manage',
      cache: { maxAge: 0 },
      statusCode: 201,
      body: z.unknown(),
      handler: async ({ body }) => {
        const term = await d.dictionary.add(body as TermInput);
        await d.onChange();
        return { term };
      },
    }),
    defineEndpoint({
      method: 'PUT',
      url: '/api/v1/admin/dictionary/:id',
      summary: 'Replace a term',
      permissions: 'settings.manage',
      cache: { maxAge: 0 },
      params: idParams,
      body: z.unknown(),
      handler: async ({ params, body }) => {
        const term = await d.dictionary.update(params.id, body as TermInput);
        await d.onChange();
        return { term };
      },
    }),
    defineEndpoint({
      method: 'DELETE',
      url: '/api/v1/admin/dictionary/:id',
      summary: 'Remove a term',
      permissions: 'settings.manage',
      cache: { maxAge: 0 },
      params: idParams,
      handler: async ({ params }) => {
        await d.dictionary.remove(params.id);
        await d.onChange();
        return { removed: params.id };
      },
    }),
    defineEndpoint({
      method: 'POST',
      url: '/api/v1/admin/dictionary/preview',
      summary: 'Text in every variant with the dictionary (and an unsaved term)',
      permissions: 'settings.manage',
      cache: { maxAge: 0 },
      body: previewBody,
      handler: async ({ body, req }) => {
        // Called as the editor types: an audit entry for each would bury the real changes.
        d.notAudited?.(req);
        return { preview: await d.dictionary.preview(body.text, body.term === undefined ? undefined : { term: body.term, ...(body.replaces ? { replaces: body.replaces } : {}) }) };
      },
    }),
  ];
}
