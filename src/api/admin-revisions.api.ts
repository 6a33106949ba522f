import { z } from 'zod';
import type { ArticleAdmin } from '../content/article.admin.js';
import type { RevisionService } from '../content/revision.service.js';
import { adminArticleJson, idParam, limitParam, listMeta, pageParam, versionField, withCurrent } from './admin-json.js';
import { defineEndpoint, type Endpoint } from './endpoint.js';

/** What the revisions API needs. */
export interface AdminRevisionsApiDeps {
  readonly admin: ArticleAdmin;
  readonly revisions: RevisionService;
  readonly siteUrl: string;
}

const revNumber = z.string().regex(/^[1-9]\d{0,9}$/, 'a revision number (the version it produced)').transform(Number);
const revParams = idParam.extend({ rev: revNumber });
const revQuery = z.coerce.number({ error: 'a revision number' }).int('a revision number').min(1, 'a revision number');

/**
 * The revisions API: every save of an article is a revision numbered by the version it
 * produced. List them, read one (its full field snapshot), diff any two (changed fields, and
 * the body line by line with a word diff inside changed lines), and restore one as a new save.
 */
export function adminRevisionEndpoints(d: AdminRevisionsApiDeps): Endpoint[] {
  return [
    defineEndpoint({
      method: 'GET',
      url: '/api/v1/admin/articles/:id/revisions',
      summary: 'Revisions of an article, newest first',
      permissions: 'article.edit.own',
      cache: { maxAge: 0 },
      params: idParam,
      query: z.object({ page: pageParam, limit: limitParam }),
      handler: async ({ params, query, actor }) => {
        await d.admin.access(params.id, actor!, 'read');
        const { revisions, total } = await d.revisions.list(params.id, query.page, query.limit);
        return { revisions, meta: listMeta(query.page, query.limit, total) };
      },
    }),
    defineEndpoint({
      method: 'GET',
      url: '/api/v1/admin/articles/:id/revisions/diff',
      summary: 'Difference between two revisions',
      description: '`from` and `to` are revision numbers; `to` defaults to the current version.',
      permissions: 'article.edit.own',
      cache: { maxAge: 0 },
      params: idParam,
      query: z.object({ from: revQuery, to: revQuery.optional() }),
      handler: async ({ params, query, actor }) => {
        await d.admin.access(params.id, actor!, 'read');
        const to = query.to ?? (await d.admin.get(params.id)).article.version;
        return { diff: await d.revisions.diff(params.id, query.from, to) };
      },
    }),
    defineEndpoint({
      method: 'GET',
      url: '/api/v1/admin/articles/:id/revisions/:rev',
      summary: 'One revision with its field snapshot',
      permissions: 'article.edit.own',
      cache: { maxAge: 0 },
      params: revParams,
      handler: async ({ params, actor }) => {
        await d.admin.access(params.id, actor!, 'read');
        return { revision: await d.revisions.get(params.id, params.rev) };
      },
    }),
    defineEndpoint({
      method: 'POST',
      url: '/api/v1/admin/articles/:id/revisions/:rev/restore',
      summary: 'Restore a revision as a new save',
      description:
        'Saves the revision’s fields as a new version if `version` is current (else 409 with `current`). Status and publish times stay as they are. Restoring into a published or scheduled article passes the publish guard: a body the integrity guard flags is a 409 JD_ERR_GUARD_FLAGGED unless an editor sends `override: true` with an `overrideReason` (kept in the audit log).',
      permissions: 'article.edit.own',
      cache: { maxAge: 0 },
      params: revParams,
      body: z.object({
        version: versionField,
        override: z.boolean({ error: 'true or false' }).optional(),
        overrideReason: z.string().trim().max(2000, 'at most 2000 characters').optional(),
      }),
      handler: async ({ params, body, actor }) => {
        await d.admin.access(params.id, actor!, 'edit');
        const override = { override: body.override, overrideReason: body.overrideReason };
        await withCurrent(d, params.id, body.version, () => d.revisions.restore(params.id, params.rev, body.version, actor!, override));
        return { article: adminArticleJson(await d.admin.get(params.id), d.siteUrl) };
      },
    }),
  ];
}
