import { z } from 'zod';
import type { ArticleReader } from '../content/article.reader.js';
import { descendantIds, type SectionService } from '../content/section.service.js';
import type { TagService } from '../content/tag.service.js';
import type { DictionaryService } from '../dictionary/dictionary.service.js';
import type { ContentLocalizer } from '../content/localize.js';
import type { ArticleView } from '../content/views.js';
import type { SectionNode } from '../content/section.service.js';
import { VARIANTS, type Variant } from '../zh/variants.js';
import { defineEndpoint, type Endpoint } from './endpoint.js';
import { articleJson, sectionJson } from './serialize.js';

/** Dependencies of the content API. */
export interface ContentApiDeps {
  readonly reader: ArticleReader;
  readonly sectionService: SectionService;
  readonly tagService: TagService;
  readonly dictionary: DictionaryService;
  readonly siteUrl: string;
}

const page = z.coerce.number({ error: 'a whole number from 1' }).int().min(1).max(100_000).default(1);
const limit = z.coerce.number({ error: 'a whole number from 1 to 100' }).int().min(1).max(100).default(20);
const slugParam = z.string().trim().min(1).max(100);
const variant = z.enum(VARIANTS, { error: `one of ${VARIANTS.join(', ')}` }).optional();

/** The public, read-only content API (`/api/v1`). */
export function contentEndpoints(d: ContentApiDeps): Endpoint[] {
  return [
    defineEndpoint({
      method: 'GET',
      url: '/api/v1/articles',
      summary: 'Published articles, newest first',
      permissions: 'public',
      cache: { maxAge: 30 },
      query: z.object({ section: slugParam.optional(), tag: slugParam.optional(), page, limit, variant }),
      handler: async ({ query }) => {
        const conv = await converter(d, query.variant);
        const sectionIds = query.section ? descendantIds((await d.sectionService.require(query.section)).section) : undefined;
        const tagId = query.tag ? (await d.tagService.require(query.tag)).id : undefined;
        const res = await d.reader.list({ ...(sectionIds ? { sectionIds } : {}), ...(tagId !== undefined ? { tagId } : {}) }, query.page, query.limit);
        return { articles: res.items.map((a) => articleJson(conv.article(a), d.siteUrl)), meta: { page: res.page, limit: res.limit, total: res.total } };
      },
    }),
    defineEndpoint({
      method: 'GET',
      url: '/api/v1/articles/:id',
      summary: 'One published article',
      permissions: 'public',
      cache: { maxAge: 30 },
      params: z.object({ id: z.string().regex(/^[1-9]\d{0,15}$/, 'a positive whole number').transform(Number) }),
      query: z.object({ variant }),
      handler: async ({ params, query }) => {
        const conv = await converter(d, query.variant);
        return { article: articleJson(conv.article(await d.reader.published(params.id)), d.siteUrl) };
      },
    }),
    defineEndpoint({
      method: 'GET',
      url: '/api/v1/sections',
      summary: 'The section tree',
      permissions: 'public',
      cache: { maxAge: 60 },
      query: z.object({ variant }),
      handler: async ({ query }) => {
        const conv = await converter(d, query.variant);
        const index = await d.sectionService.index();
        return { sections: index.tree.map((s) => sectionJson(conv.section(s))), meta: { total: index.byId.size } };
      },
    }),
    defineEndpoint({
      method: 'GET',
      url: '/api/v1/tags',
      summary: 'Tags, most used first',
      permissions: 'public',
      cache: { maxAge: 60 },
      query: z.object({ page, limit, variant }),
      handler: async ({ query }) => {
        const conv = await converter(d, query.variant);
        const res = await d.tagService.list(query.page, query.limit);
        return { tags: res.items.map((t) => conv.tag(t)), meta: { page: res.page, limit: res.limit, total: res.total } };
      },
    }),
  ];
}

/** Converts API items into `variant`; without one, items keep the script they were written in. */
async function converter(d: ContentApiDeps, to: Variant | undefined) {
  const loc: ContentLocalizer | undefined = to ? (await d.dictionary.current()).localizer : undefined;
  return {
    article: (a: ArticleView) => (loc && to ? loc.article(a, to) : a),
    section: (s: SectionNode): SectionNode => (loc && to ? { ...loc.section(s, to), children: s.children.map((c) => ({ ...loc.section(c, to), children: c.children })) } : s),
    tag: <T extends { name: string }>(t: T): T => (loc && to ? { ...t, name: loc.name(t.name, to) } : t),
  };
}
