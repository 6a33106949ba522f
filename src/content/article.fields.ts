import { z } from 'zod';
import { SOURCE_LANGS } from '../zh/variants.js';

/** Editorial states of an article. */
export const ARTICLE_STATUSES = ['draft', 'in_review', 'scheduled', 'published', 'archived'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

const slug = z
  .string()
  .trim()
  .toLowerCase()
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lowercase letters, digits and single hyphens');
const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => v === '' || /^https?:\/\/[^\s]+$/i.test(v), 'an absolute http(s) URL');
/** Messages of the SEO fields' checks. */
export const seoFieldMessages = {
  plainText: 'plain text only: no HTML tags or control characters',
  seoTitle: 'at most 120 characters',
  seoDescription: 'at most 300 characters',
  seoCanonicalUrl: 'an absolute http(s) URL of at most 2000 characters',
} as const;

/**
 * One line of plain text for the page head: line breaks and tabs become spaces (a head value is
 * one line), and markup is refused rather than stripped, so the editor sees what was wrong.
 */
const headText = (max: number, tooLong: string) =>
  z
    .string()
    .transform((v) => v.replace(/\s+/g, ' ').trim())
    .pipe(
      z
        .string()
        .max(max, tooLong)
        .refine((v) => !/<\/?[a-z!?]|[\u0000-\u001f\u007f]/i.test(v), seoFieldMessages.plainText),
    );
const instant = z.iso.datetime({ offset: true }).transform((v) => new Date(v).toISOString());

/**
 * The article's editable fields: the one list that API validation, the admin form and the
 * stored columns follow. Each entry is the field's schema and its label for forms.
 */
export const articleFields = {
  title: { label: '標題', schema: z.string().trim().min(1, 'a title is required').max(200) },
  subtitle: { label: '副標題', schema: z.string().trim().max(300).default('') },
  summary: { label: '摘要', schema: z.string().trim().max(1000).default('') },
  bodyHtml: { label: '正文', schema: z.string().max(2_000_000).default('') },
  slug: { label: '網址代稱', schema: z.union([slug, z.literal('')]).default('') },
  section: { label: '欄目', schema: slug },
  tags: { label: '標簽', schema: z.array(z.string().trim().min(1).max(60)).max(30).default([]) },
  authors: { label: '作者', schema: z.array(slug).max(10).default([]) },
  source: {
    label: '來源',
    schema: z.object({ name: z.string().trim().max(120).default(''), url: httpUrl.default('') }).default({ name: '', url: '' }),
  },
  lang: { label: '原文字體', schema: z.enum(SOURCE_LANGS).default('zh-Hant') },
  status: { label: '狀態', schema: z.enum(ARTICLE_STATUSES).default('draft') },
  flags: {
    label: '標記',
    schema: z
      .object({ headline: z.boolean().default(false), featured: z.boolean().default(false), slideshow: z.boolean().default(false) })
      .default({ headline: false, featured: false, slideshow: false }),
  },
  publishedAt: { label: '發佈時間', schema: instant.nullable().default(null) },
  cover: {
    label: '封面圖',
    schema: z
      .object({ mediaId: z.number().int().positive(), caption: z.string().trim().max(500).default(''), credit: z.string().trim().max(200).default('') })
      .nullable()
      .default(null),
  },
  correctionNote: { label: '更正說明', schema: z.string().trim().max(2000).default('') },
  /** The page head's title; '' uses the title. */
  seoTitle: { label: 'SEO 標題', schema: headText(120, seoFieldMessages.seoTitle).default('') },
  /** The meta description; '' uses the summary. */
  seoDescription: { label: 'SEO 描述', schema: headText(300, seoFieldMessages.seoDescription).default('') },
  /** The canonical URL when the article was first published elsewhere; '' is its own URL. */
  seoCanonicalUrl: {
    label: '標準網址',
    schema: z
      .string()
      .trim()
      .max(2000, seoFieldMessages.seoCanonicalUrl)
      .refine((v) => v === '' || /^https?:\/\/[^\s/?#]+[^\s]*$/i.test(v), seoFieldMessages.seoCanonicalUrl)
      .default(''),
  },
} as const;

type Fields = typeof articleFields;

/** Schema for a new article, built from the field list. */
export const articleInputSchema = z.object(
  Object.fromEntries(Object.entries(articleFields).map(([k, f]) => [k, f.schema])) as { [K in keyof Fields]: Fields[K]['schema'] },
);

/** A validated new article. */
export type ArticleInput = z.output<typeof articleInputSchema>;
/** What a caller may pass before validation. */
export type ArticleInputRaw = z.input<typeof articleInputSchema>;

type WithoutDefault<S> = S extends z.ZodDefault<infer I> ? I : S;

/**
 * Schema of a partial change (admin PATCH), built from the same field list: every field is
 * optional and has no default, so a field the client leaves out keeps its stored value.
 */
export const articlePatchSchema = z.object(
  Object.fromEntries(
    Object.entries(articleFields).map(([k, f]) => [k, (f.schema instanceof z.ZodDefault ? f.schema.removeDefault() : f.schema).optional()]),
  ) as { [K in keyof Fields]: z.ZodOptional<WithoutDefault<Fields[K]['schema']>> },
);

/** A validated partial change. */
export type ArticlePatch = z.output<typeof articlePatchSchema>;
