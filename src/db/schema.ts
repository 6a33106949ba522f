import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Table types for Kysely. Timestamps are ISO 8601 strings in UTC in both dialects (the
 * PostgreSQL adapter parses `timestamptz` into the same form), flags are 0/1 integers.
 */
export interface Database {
  sections: SectionsTable;
  users: UsersTable;
  tags: TagsTable;
  media: MediaTable;
  articles: ArticlesTable;
  article_tags: ArticleTagsTable;
  article_authors: ArticleAuthorsTable;
  settings: SettingsTable;
  dictionary_terms: DictionaryTermsTable;
}

export interface SectionsTable {
  id: Generated<number>;
  parent_id: number | null;
  slug: string;
  name: string;
  description: string;
  position: number;
  created_at: string;
  updated_at: string;
}

export interface UsersTable {
  id: Generated<number>;
  email: string | null;
  slug: string;
  name: string;
  bio: string;
  role: string;
  password_hash: string | null;
  created_at: string;
  updated_at: string;
}

export interface TagsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string;
  created_at: string;
}

export interface MediaTable {
  id: Generated<number>;
  path: string;
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
  alt: string;
  caption: string;
  credit: string;
  created_at: string;
}

export interface ArticlesTable {
  id: Generated<number>;
  slug: string;
  title: string;
  subtitle: string;
  summary: string;
  body_html: string;
  cover_media_id: number | null;
  cover_caption: string;
  cover_credit: string;
  section_id: number;
  source_name: string;
  source_url: string;
  lang: string;
  status: string;
  is_headline: number;
  is_featured: number;
  is_slideshow: number;
  published_at: string | null;
  created_at: string;
  updated_at: string;
  correction_note: string;
  corrected_at: string | null;
  version: number;
}

export interface ArticleTagsTable {
  article_id: number;
  tag_id: number;
  position: number;
}

export interface ArticleAuthorsTable {
  article_id: number;
  user_id: number;
  position: number;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface DictionaryTermsTable {
  id: Generated<number>;
  match: string;
  outputs: string;
  note: string;
  created_at: string;
  updated_at: string;
}

export type DictionaryTermRow = Selectable<DictionaryTermsTable>;
export type SectionRow = Selectable<SectionsTable>;
export type UserRow = Selectable<UsersTable>;
export type TagRow = Selectable<TagsTable>;
export type MediaRow = Selectable<MediaTable>;
export type ArticleRow = Selectable<ArticlesTable>;
export type NewArticleRow = Insertable<ArticlesTable>;
export type ArticleRowUpdate = Updateable<ArticlesTable>;
