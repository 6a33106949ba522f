import { z } from 'zod';
import { ARTICLE_STATUSES, articleInputSchema, articlePatchSchema } from '../content/article.fields.js';
import type { ArticleAdmin } from '../content/article.admin.js';
import { ADMIN_SORTS } from '../content/article.repo.js';
import type { RevisionService } from '../content/revision.service.js';
import { adminArticleJson, idParam, limitParam, listMeta, pageParam, versionField, withCurrent } from './admin-json.js';
import { defineEndpoint, type Endpoint } from './endpoint.js';

/** What the articles admin API needs. */
export interface AdminArticlesApiDeps {
  readonly admin: ArticleAdmin;
  readonly revisions: RevisionService;
  readonly siteUrl: string;
}

// Empty form fields (`?status=`) mean "no filter".
const blank = (v: unknown) => (v === '' ? undefined : v);
const slugFilter = z.preprocess(blank, z.string().trim().min(1).max(100, 'at most 100 characters').optional());

/** Query of `GET /api/v1/admin/articles`. */
export const adminListQuery = z.object({
  status: z.preprocess(blank, z.enum(ARTICLE_STATUSES, { error: `one of ${ARTICLE_STATUSES.join(', ')}` }).optional()),
  section: slugFilter,
  author: slugFilter,
  tag: slugFilter,
  q: z.preprocess(blank, z.string().max(500, 'at most 500 characters').optional()),
  from: z.preprocess(blank, z.iso.date({ error: 'a date, YYYY-MM-DD' }).optional()),
  to: z.preprocess(blank, z.iso.date({ error: 'a date, YYYY-MM-DD' }).optional()),
  sort: z.preprocess(blank, z.enum([...ADMIN_SORTS, 'relevance'], { error: `one of ${[...ADMIN_SORTS, 'relevance'].join(', ')}` }).optional()),
  page: pageParam,
  limit: limitParam,
});

// A live article's body that the integrity guard flags goes out only with an editor's override.
const overrideFields = {
  override: z.boolean({ error: 'true or false' }).optional(),
  overrideReason: z.string().trim().max(2000, 'at most 2000 characters').optional(),
};

const articleOut = z.object({ article: z.object({ id: z.number(), version: z.number(), status: z.enum(ARTICLE_STATUSES) }).loose() });

/**
 * The articles admin API: create drafts, list every status (filters and text search), read,
 * and save changes under optimistic locking. A save based on a stale `version` is a 409 with
 * the `current` article and the fields changed since; status changes go through the workflow
 * endpoints (src/api/admin-workflow.api.ts).
 */
export function adminArticleEndpoints(d: AdminArticlesApiDeps): Endpoint[] {
  const json = (a: Parameters<typeof adminArticleJson>[0]) => ({ article: adminArticleJson(a, d.siteUrl) });
  return [
    defineEndpoint({
      method: 'POST',
      url: '/api/v1/admin/articles',
      summary: 'Create a draft',
      description: 'Creates a draft owned by the caller (bylined to them when `authors` is empty). New articles are always drafts: publish them with the workflow.',
      permissions: 'article.create',
      cache: { maxAge: 0 },
      statusCode: 201,
      body: articleInputSchema,
      response: articleOut,
      handler: async ({ body, actor }) => json(await d.admin.create(body, actor!)),
    }),
    defineEndpoint({
      method: 'GET',
      url: '/api/v1/admin/articles',
      summary: 'Articles of every status, most recently changed first',
      description:
        'Filters: status, section (with its sub-sections), author, tag (slugs), `from`/`to` (publish days, YYYY-MM-DD in the newsroom’s time zone, both inclusive; never-published articles fall outside) and `q` (the newsroom search over drafts and published articles). `sort`: updated (default), published (newest first, never-published last) or title; with `q`, published (default) or relevance. Members who may not edit others’ articles see only their own. With `q` and a status or ownership narrowing, `meta.approximate` says the total is an upper bound.',
      permissions: 'article.edit.own',
      cache: { maxAge: 0 },
      query: adminListQuery,
      handler: async ({ query, actor }) => {
        const res = await d.admin.list(query, actor!);
        return { articles: res.items.map((a) => adminArticleJson(a, d.siteUrl)), meta: { ...listMeta(query.page, query.limit, res.total), ...(res.approximate ? { approximate: true } : {}) } };
      },
    }),
    defineEndpoint({
      method: 'GET',
      url: '/api/v1/admin/articles/:id',
      summary: 'One article, any status',
      permissions: 'article.edit.own',
      cache: { maxAge: 0 },
      params: idParam,
      response: articleOut,
      handler: async ({ params, actor }) => {
        await d.admin.access(params.id, actor!, 'read');
        return json(await d.admin.get(params.id));
      },
    }),
    defineEndpoint({
      method: 'PATCH',
      url: '/api/v1/admin/articles/:id',
      summary: 'Save changes (optimistic locking)',
      description:
        'Changes the fields given; the rest keep their stored values (objects such as `source` are replaced whole). `version` must be the version last read: otherwise 409 with `current`. Published and scheduled articles take the right to publish them.',
      permissions: 'article.edit.own',
      cache: { maxAge: 0 },
      params: idParam,
      body: articlePatchSchema.extend({ version: versionField, ...overrideFields }),
      response: articleOut,
      handler: async ({ params, body, actor }) => {
        await d.admin.access(params.id, actor!, 'edit');
        const { version, override, overrideReason, ...changes } = body;
        return json(await withCurrent(d, params.id, version, () => d.admin.patch(params.id, version, changes, actor!, { override, overrideReason })));
      },
    }),
  ];
}
