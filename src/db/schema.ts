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
  site_settings: SiteSettingsTable;
  dictionary_terms: DictionaryTermsTable;
  search_docs: SearchDocsTable;
  user_words: UserWordsTable;
  search_terms: SearchTermsTable;
  article_terms: ArticleTermsTable;
  related_docs: RelatedDocsTable;
  related_lists: RelatedListsTable;
  related_word_overrides: RelatedWordOverridesTable;
  view_hours: ViewHoursTable;
  view_totals: ViewTotalsTable;
  covisit_pairs: CovisitPairsTable;
  featured_picks: FeaturedPicksTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_throttle: LoginThrottleTable;
  audit_log: AuditLogTable;
  media_variants: MediaVariantsTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  article_revisions: ArticleRevisionsTable;
  tag_redirects: TagRedirectsTable;
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
  /** Bumped by every admin change (optimistic locking). */
  version: Generated<number>;
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
  /** When an admin disabled the account; null while it may sign in. */
  disabled_at: string | null;
  /** Base32 TOTP secret once two-factor is confirmed. */
  totp_secret: string | null;
  /** Secret handed out by enrolment, waiting for its first code. */
  totp_pending_secret: string | null;
  /** Last accepted TOTP time step (replay protection). */
  totp_last_step: number | null;
}

export interface TagsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string;
  created_at: string;
  /** Bumped by every admin change (optimistic locking). */
  version: Generated<number>;
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
  /** Who uploaded the file (src/media); null for files the system made. */
  uploaded_by: number | null;
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
  /** When a `scheduled` article goes live (the embargo); null otherwise. */
  publish_at: string | null;
  /** Who created the article; an owner for `.own` rights. */
  created_by: number | null;
  /** An editor's latest comment when returning the article to its authors. */
  review_note: Generated<string>;
  /** The integrity guard's findings on the body (JSON array); null when saved before the guard. */
  integrity_findings: Generated<string | null>;
  /** The page head's title when not the article's own ('' = the title). */
  seo_title: Generated<string>;
  /** The meta description when not the summary ('' = the summary). */
  seo_description: Generated<string>;
  /** A canonical URL elsewhere (http(s)), for copy first published there; '' = the article's own. */
  canonical_url: Generated<string>;
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

/** A site setting an admin has set (src/settings); the value is JSON. */
export interface SiteSettingsTable {
  key: string;
  value: string;
  updated_at: string;
  updated_by: number | null;
}

export interface DictionaryTermsTable {
  id: Generated<number>;
  match: string;
  outputs: string;
  note: string;
  created_at: string;
  updated_at: string;
}

/**
 * One indexed article (src/search). `sort_key` orders documents by publish time (the FTS rowid
 * in SQLite); the PostgreSQL table also has a `tsvector` column, queried with raw SQL only.
 */
export interface SearchDocsTable {
  sort_key: number;
  article_id: number;
  /** 1 when the article is published (searchable by readers), else 0. */
  published: number;
  section_id: number;
  published_at: string | null;
}

/** How many published articles contain each indexed token (keyword IDF), from the last rebuild. */
export interface SearchTermsTable {
  term: string;
  df: number;
}

/** Editors' words: names, places and terms segmentation must keep whole. */
export interface UserWordsTable {
  word: string;
  created_at: string;
}

/** Views of one article in one hour (`hour`: whole hours since the Unix epoch). Kept 8 days. */
export interface ViewHoursTable {
  article_id: number;
  hour: number;
  views: number;
}

/** All-time views of an article and its hot score (views decayed by the configured half-life). */
export interface ViewTotalsTable {
  article_id: number;
  views: number;
  hot: number;
}

/**
 * Time-scaled co-visitation weight of two articles (both directions stored); the row with
 * `article_id = other_id` counts the sessions that read the article.
 */
export interface CovisitPairsTable {
  article_id: number;
  other_id: number;
  weight: number;
}

/** An editor's order and optional expiry for a featured article (精彩推薦). */
export interface FeaturedPicksTable {
  article_id: number;
  position: number;
  expires_at: string | null;
  created_at: string;
  updated_at: string;
}

/** One term of an article's keyword vector (src/recommend; published articles only). */
export interface ArticleTermsTable {
  article_id: number;
  /** Normalized (Simplified, lower-case) word or tag name. */
  term: string;
  /** Weight in the article's unit-length vector. */
  weight: number;
}

/** What related-reading scoring needs of an article besides its vector. */
export interface RelatedDocsTable {
  article_id: number;
  /** The article's vector as JSON: `[[term, weight], …]`, strongest first. */
  vector: string;
  /** 64-bit SimHash as 16 hex digits. */
  simhash: string;
  section_id: number;
  published_at: string | null;
  /** Normalized tag names, one per line. */
  tags: string;
  computed_at: string;
}

/** One entry of an article's stored related-reading list (read best score first). */
export interface RelatedListsTable {
  article_id: number;
  related_id: number;
  score: number;
}

/** An editor's pin or hide of one related word of an article. */
export interface RelatedWordOverridesTable {
  article_id: number;
  /** Normalized form (what matching uses). */
  word: string;
  /** As the editor wrote it (what a pinned word shows). */
  label: string;
  action: 'pin' | 'hide';
  /** Order of the article's overrides (pins show in it). */
  position: number;
  created_at: string;
}

/** A signed-in browser (src/auth). Only the SHA-256 of the cookie's token is kept. */
export interface SessionsTable {
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  /** Per-session secret the X-CSRF-Token header must repeat on cookie-authenticated writes. */
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  ip: string;
  user_agent: string;
}

/** An API token for integrations (src/auth). Only the SHA-256 of the token is kept. */
export interface ApiTokensTable {
  id: Generated<number>;
  name: string;
  token_hash: string;
  prefix: string;
  role: string;
  user_id: number | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** Failed sign-ins under one key: `account:<sha256 of e-mail>` or `address:<sha256 of IP>`. */
export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_started_at: string;
  locked_until: string | null;
}

/** One audit log entry (src/auth/audit.service.ts). */
export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_user_id: number | null;
  actor_token_id: number | null;
  actor_via: string;
  action: string;
  target: string;
  ip: string;
  /** JSON object. */
  details: string;
}

/** A resized copy of an uploaded image (src/media): WebP on upload, AVIF in the background. */
export interface MediaVariantsTable {
  media_id: number;
  format: 'webp' | 'avif';
  width: number;
  height: number;
  /** Path inside the media folder. */
  path: string;
  size: number;
  created_at: string;
}

/** A webhook subscription (src/webhooks). */
export interface WebhooksTable {
  id: Generated<number>;
  url: string;
  /** Event names separated by commas. */
  events: string;
  /** HMAC key; shown to the admin once, never returned by the API again. */
  secret: string;
  active: number;
  consecutive_failures: number;
  /** When the system turned the webhook off after repeated failures. */
  disabled_at: string | null;
  disabled_reason: string;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** One event for one webhook: a queued, retried, logged delivery. */
export interface WebhookDeliveriesTable {
  id: Generated<number>;
  webhook_id: number;
  event: string;
  article_id: number | null;
  payload: string;
  status: 'pending' | 'succeeded' | 'failed' | 'cancelled';
  attempts: number;
  next_attempt_at: string;
  claimed_until: string | null;
  claim_token: string | null;
  last_status_code: number | null;
  last_error: string;
  created_at: string;
  finished_at: string | null;
}

/** One delivery attempt: the delivery log. */
export interface WebhookAttemptsTable {
  id: Generated<number>;
  delivery_id: number;
  attempt: number;
  at: string;
  ok: number;
  status_code: number | null;
  duration_ms: number;
  error: string;
}

export type MediaVariantRow = Selectable<MediaVariantsTable>;
export type WebhookRow = Selectable<WebhooksTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>;
export type WebhookAttemptRow = Selectable<WebhookAttemptsTable>;
export type SessionRow = Selectable<SessionsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type DictionaryTermRow = Selectable<DictionaryTermsTable>;
export type SectionRow = Selectable<SectionsTable>;
export type UserRow = Selectable<UsersTable>;
export type TagRow = Selectable<TagsTable>;
export type MediaRow = Selectable<MediaTable>;
export type ArticleRow = Selectable<ArticlesTable>;
export type NewArticleRow = Insertable<ArticlesTable>;
export type ArticleRowUpdate = Updateable<ArticlesTable>;

/** One save of an article: its full field snapshot, who made it and why (src/content/revision.repo.ts). */
export interface ArticleRevisionsTable {
  id: Generated<number>;
  article_id: number;
  /** The article version this save produced. */
  version: number;
  /** create | update | restore | submit | approve | return | publish | schedule | unpublish | archive */
  action: string;
  status: string;
  /** JSON `ArticleSnapshot`. */
  snapshot: string;
  note: string;
  actor_user_id: number | null;
  actor_via: string;
  created_at: string;
}

/** An old slug of a renamed or merged tag, pointing at the tag that replaced it. */
export interface TagRedirectsTable {
  old_slug: string;
  tag_id: number;
  created_at: string;
}

export type ArticleRevisionRow = Selectable<ArticleRevisionsTable>;
