import { z } from 'zod';
import type { TaxonomyAdmin } from '../content/taxonomy.admin.js';
import { sectionCreateSchema, sectionPatchSchema, tagCreateSchema, tagMergeSchema, tagPatchSchema } from '../content/taxonomy.input.js';
import { idParam, limitParam, listMeta, pageParam } from './admin-json.js';
import { defineEndpoint, type Endpoint } from './endpoint.js';

/** What the sections and tags admin API needs. */
export interface AdminTaxonomyApiDeps {
  readonly taxonomy: TaxonomyAdmin;
}

/**
 * Sections and tags for the newsroom (`section.manage`, `tag.manage`): list, create, read,
 * change (with `version`: a stale one is 409 with `current`) and delete; tags can be merged.
 * A renamed or merged tag's old slug keeps redirecting to its new URL.
 */
export function adminTaxonomyEndpoints(d: AdminTaxonomyApiDeps): Endpoint[] {
  const t = d.taxonomy;
  return [
    defineEndpoint({
      method: 'GET',
      url: '/api/v1/admin/sections',
      summary: 'Sections with their usage, flat, by position',
      permissions: 'section.manage',
      cache: { maxAge: 0 },
      handler: async () => {
        const sections = await t.sections();
        return { sections, meta: { total: sections.length } };
      },
    }),
    defineEndpoint({
      method: 'POST',
      url: '/api/v1/admin/sections',
      summary: 'Create a section',
      permissions: 'section.manage',
      cache: { maxAge: 0 },
      statusCode: 201,
      body: sectionCreateSchema,
      handler: async ({ body }) => ({ section: await t.createSection(body) }),
    }),
    defineEndpoint({
      method: 'GET',
      url: '/api/v1/admin/sections/:id',
      summary: 'One section',
      permissions: 'section.manage',
      cache: { maxAge: 0 },
      params: idParam,
      handler: async ({ params }) => ({ section: await t.section(params.id) }),
    }),
    defineEndpoint({
      method: 'PATCH',
      url: '/api/v1/admin/sections/:id',
      summary: 'Change a section (name, slug, parent, position, description)',
      permissions: 'section.manage',
      cache: { maxAge: 0 },
      params: idParam,
      body: sectionPatchSchema,
      handler: async ({ params, body }) => ({ section: await t.updateSection(params.id, body) }),
    }),
    defineEndpoint({
      method: 'DELETE',
      url: '/api/v1/admin/sections/:id',
      summary: 'Delete an empty section',
      description: 'A section that still has articles or sub-sections is a 409.',
      permissions: 'section.manage',
      cache: { maxAge: 0 },
      params: idParam,
      handler: async ({ params }) => {
        await t.deleteSection(params.id);
        return { deleted: { id: params.id } };
      },
    }),
    defineEndpoint({
      method: 'GET',
      url: '/api/v1/admin/tags',
      summary: 'Tags with their usage, by name',
      permissions: 'tag.manage',
      cache: { maxAge: 0 },
      query: z.object({ q: z.string().trim().max(60, 'at most 60 characters').optional(), page: pageParam, limit: limitParam }),
      handler: async ({ query }) => {
        const { tags, total } = await t.tags(query.q || undefined, query.page, query.limit);
        return { tags, meta: listMeta(query.page, query.limit, total) };
      },
    }),
    defineEndpoint({
      method: 'POST',
      url: '/api/v1/admin/tags',
      summary: 'Create a tag',
      permissions: 'tag.manage',
      cache: { maxAge: 0 },
      statusCode: 201,
      body: tagCreateSchema,
      handler: async ({ body }) => ({ tag: await t.createTag(body) }),
    }),
    defineEndpoint({
      method: 'GET',
      url: '/api/v1/admin/tags/:id',
      summary: 'One tag with its old slugs',
      permissions: 'tag.manage',
      cache: { maxAge: 0 },
      params: idParam,
      handler: async ({ params }) => ({ tag: await t.tag(params.id) }),
    }),
    defineEndpoint({
      method: 'PATCH',
      url: '/api/v1/admin/tags/:id',
      summary: 'Rename a tag',
      description: 'A new slug keeps the old one as a redirect: `/tag/{old}` answers 301 to `/tag/{new}`.',
      permissions: 'tag.manage',
      cache: { maxAge: 0 },
      params: idParam,
      body: tagPatchSchema,
      handler: async ({ params, body }) => ({ tag: await t.updateTag(params.id, body) }),
    }),
    defineEndpoint({
      method: 'POST',
      url: '/api/v1/admin/tags/:id/merge',
      summary: 'Merge this tag into another',
      description: 'Its articles get the other tag, its slugs redirect there, and it is deleted. Answers with the tag merged into.',
      permissions: 'tag.manage',
      cache: { maxAge: 0 },
      params: idParam,
      body: tagMergeSchema,
      handler: async ({ params, body }) => ({ tag: await t.mergeTag(params.id, body) }),
    }),
    defineEndpoint({
      method: 'DELETE',
      url: '/api/v1/admin/tags/:id',
      summary: 'Delete a tag (its articles lose it)',
      permissions: 'tag.manage',
      cache: { maxAge: 0 },
      params: idParam,
      handler: async ({ params }) => {
        await t.deleteTag(params.id);
        return { deleted: { id: params.id } };
      },
    }),
  ];
}
