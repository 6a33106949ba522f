import { z } from 'zod';
import { sectionSlugSchema } from './section.service.js';

// What the newsroom sends to manage sections and tags: the admin API validates bodies with
// these, and the OpenAPI document describes them from the same objects.

const version = z.number({ error: 'the version you last read (a whole number)' }).int().min(1);
const tagSlug = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(80)
  .regex(/^[^\s/?#%\\]+$/u, 'no spaces and none of / ? # % \\');
const tagName = z.string().trim().min(1, '1 to 60 characters').max(60, '1 to 60 characters');

/** Body of a new section. */
export const sectionCreateSchema = z.object({
  slug: sectionSlugSchema,
  name: z.string().trim().min(1).max(40),
  parent: sectionSlugSchema.nullable().optional(),
  position: z.number().int().min(0).max(10_000).default(0),
  description: z.string().trim().max(500).default(''),
});

/** Body of a section change: the fields given change; `parent: null` moves it to the top. */
export const sectionPatchSchema = sectionCreateSchema.partial().extend({ version, position: z.number().int().min(0).max(10_000).optional(), description: z.string().trim().max(500).optional() });

/** Body of a new tag. */
export const tagCreateSchema = z.object({ name: tagName, slug: tagSlug.optional(), description: z.string().trim().max(500).default('') });
/** Body of a tag change (rename): a new slug keeps the old one as a redirect. */
export const tagPatchSchema = z.object({ version, name: tagName.optional(), slug: tagSlug.optional(), description: z.string().trim().max(500).optional() });
/** Body of a tag merge: the tag in the URL goes into `into`. */
export const tagMergeSchema = z.object({ into: z.number({ error: 'the id of the tag to merge into' }).int().positive(), version: version.optional() });
