import { z } from 'zod';
import { can } from '../auth/permissions.js';
import { AppError } from '../errors/index.js';
import type { Importer } from '../ingest/importer.js';
import { orderedItem } from '../ingest/report.js';
import { defineEndpoint, type Endpoint } from './endpoint.js';

/** What the imports admin API needs. */
export interface AdminImportsApiDeps {
  readonly importer: Importer;
}

/** Largest uploaded source, decoded (the JSON body as a whole is bounded by the server's body limit). */
const MAX_FILE_BYTES = 750 * 1024;

const slug = z.string().trim().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a section slug').max(60);

/** The request: a URL or an uploaded file (base64, so that GBK and Big5 bytes arrive intact). */
export const importRequestSchema = z
  .object({
    kind: z.enum(['rss', 'wxr', 'html'], { error: 'one of rss, wxr, html' }),
    url: z.string().trim().max(2000).regex(/^https?:\/\/\S+$/i, 'an absolute http(s) URL').optional(),
    file: z
      .object({
        name: z.string().trim().min(1).max(200),
        contentBase64: z.string().max(Math.ceil((MAX_FILE_BYTES * 4) / 3) + 4, `at most ${MAX_FILE_BYTES / 1024} KB`).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
        contentType: z.string().max(200).optional(),
      })
      .optional(),
    section: slug.optional(),
    map: z.record(z.string().min(1).max(60), slug).optional(),
    publish: z.boolean().default(false),
    dryRun: z.boolean().default(false),
  })
  .strict()
  .refine((r) => (r.url === undefined) !== (r.file === undefined), { message: 'give either url or file', path: ['url'] });

/**
 * `POST /api/v1/admin/imports`: runs an import and answers its report, the same shape as
 * `jiaodian import … --json`: `{"items":[{status, id, title, publishedAt, source, authors,
 * tags, bodyHtml, removed, error}]}`. Editors and admins (`article.edit.any`); publishing also
 * takes `article.publish.any`. A source that cannot be read is a 400 naming why.
 */
export function adminImportEndpoints(d: AdminImportsApiDeps): Endpoint[] {
  return [
    defineEndpoint({
      method: 'POST',
      url: '/api/v1/admin/imports',
      summary: 'Import a feed, a WordPress export or an article page (URL or uploaded file)',
      description: 'Items land as drafts unless `publish`; `dryRun` writes nothing. Files are sent base64 in `file.contentBase64` (at most 750 KB).',
      permissions: 'article.edit.any',
      cache: { maxAge: 0 },
      body: importRequestSchema,
      handler: async ({ body, actor }) => {
        if (body.publish && actor && !can(actor, 'article.publish.any')) {
          throw new AppError('JD_ERR_AUTH_FORBIDDEN', { action: 'publish imported articles' });
        }
        const report = await d.importer.run({
          kind: body.kind,
          src: body.url ?? body.file!.name,
          ...(body.file ? { bytes: Buffer.from(body.file.contentBase64, 'base64'), contentType: body.file.contentType ?? '' } : {}),
          section: body.section,
          map: body.map ?? {},
          publish: body.publish,
          dryRun: body.dryRun,
          actor,
        });
        return { items: report.items.map(orderedItem) };
      },
    }),
  ];
}
