import { z } from 'zod';
import type { ArticleReader } from '../content/article.reader.js';
import { descendantIds, type SectionService } from '../content/section.service.js';
import type { TagService } from '../content/tag.service.js';
import { defineEndpoint, type Endpoint } from './endpoint.js';
import { articleJson, sectionJson } from './serialize.js';

/** Dependencies of the content API. */
export interface ContentApiDeps {
  readonly reader: ArticleReader;
  readonly sectionService: SectionService;
  readonly tagService: TagService;
  readonly siteUrl: string;
}

const page = z.coerce.number({ error: 'a whole number from 1' }).int().min(1).max(100_000).default(1);
const limit = z.coerce.number({ error: 'a whole number from 1 to 100' }).int().min(1).max(100).default(20);
const slugParam = z.string().trim().min(1).max(100);

/** The public, read-only content API (`/api/v1`). */
export function contentEndpoints(d: ContentApiDeps): Endpoint[] {
  return [
    defineEndpoint({
      method: 'GET',
      url: '/api/v1/articles',
      summary: 'Published articles, newest first',
      permissions: 'public',
      cache: { maxAge: 30 },
      query: z.object({ section: slugParam.optional(), tag: slugParam.optional(), page, limit }),
      handler: async ({ query }) => {
        const sectionIds = query.section ? descendantIds((await d.sectionService.require(query.section)).section) : undefined;
        const tagId = query.tag ? (await d.tagService.require(query.tag)).id : undefined;
        const res = await d.reader.list({ ...(sectionIds ? { sectionIds } : {}), ...(tagId !== undefined ? { tagId } : {}) }, query.page, query.limit);
        return { articles: res.items.map((a) => articleJson(a, d.siteUrl)), meta: { page: res.page, limit: res.limit, total: res.total } };
      },
    }),
    defineEndpoint({
      method: 'GET',
      url: '/api/v1/articles/:id',
      summary: 'One published article',
      permissions: 'public',
      cache: { maxAge: 30 },
      params: z.object({ id: z.string().regex(/^[1-9]\d{0,15}$/, 'a positive whole number').transform(Number) }),
      handler: async ({ params }) => ({ article: articleJson(await d.reader.published(params.id), d.siteUrl) }),
    }),
    defineEndpoint({
      method: 'GET',
      url: '/api/v1/sections',
      summary: 'The section tree',
      permissions: 'public',
      cache: { maxAge: 60 },
      handler: async () => {
        const index = await d.sectionService.index();
        return { sections: index.tree.map(sectionJson), meta: { total: index.byId.size } };
      },
    }),
    defineEndpoint({
      method: 'GET',
      url: '/api/v1/tags',
      summary: 'Tags, most used first',
      permissions: 'public',
      cache: { maxAge: 60 },
      query: z.object({ page, limit }),
      handler: async ({ query }) => {
        const res = await d.tagService.list(query.page, query.limit);
        return { tags: res.items, meta: { page: res.page, limit: res.limit, total: res.total } };
      },
    }),
  ];
}
