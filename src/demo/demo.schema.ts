import { z } from 'zod';

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
const image = z.object({ image: z.string().regex(/^demo:[a-z0-9-]+$/), alt: z.string(), caption: z.string(), credit: z.string() });

/** One demo data file: a top-level section, the tags it introduces and its articles. */
export const demoFileSchema = z.object({
  section: z.object({
    slug,
    name: z.string().min(1),
    order: z.number().int(),
    children: z.array(z.object({ slug, name: z.string().min(1), order: z.number().int() })).default([]),
  }),
  tags: z.array(z.object({ slug, name: z.string().min(1) })),
  articles: z.array(
    z.object({
      key: slug,
      section: slug,
      lang: z.enum(['zh-Hans', 'zh-Hant']),
      title: z.string().min(1),
      subtitle: z.string(),
      summary: z.string(),
      bodyHtml: z.string().min(1),
      tags: z.array(slug),
      authors: z.array(slug).min(1),
      source: z.object({ name: z.string(), url: z.string() }),
      flags: z.object({ headline: z.boolean(), featured: z.boolean(), slideshow: z.boolean() }),
      hoursAgo: z.number().min(0),
      cover: image,
      correction: z.string().nullable(),
    }),
  ),
});

/** Site dictionary terms the demo newsroom keeps (dictionary.json). */
export const demoDictionarySchema = z.object({
  terms: z.array(z.object({ match: z.array(z.string().min(1)).min(1), outputs: z.record(z.string(), z.string()), note: z.string() })),
});

/** The authors file. */
export const demoAuthorsSchema = z.object({ authors: z.array(z.object({ slug, name: z.string().min(1), bio: z.string() })) });

export type DemoFile = z.output<typeof demoFileSchema>;
export type DemoAuthor = z.output<typeof demoAuthorsSchema>['authors'][number];
