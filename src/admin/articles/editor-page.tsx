import { can } from '../../auth/permissions.js';
import type { SectionIndex } from '../../content/section.service.js';
import { SOURCE_LANGS } from '../../zh/variants.js';
import { VARIANTS } from '../../zh/variants.js';
import type { AdminPageContext } from '../session.js';
import { articleMessages as m } from './messages.js';
import { sectionOptions, StatusBadge } from './parts.js';

/** The article as the editor form starts from (the admin API's JSON, or a blank draft). */
export interface EditorArticle {
  readonly id: number | null;
  readonly version: number;
  readonly status: 'draft' | 'in_review' | 'scheduled' | 'published' | 'archived';
  readonly title: string;
  readonly subtitle: string;
  readonly summary: string;
  readonly bodyHtml: string;
  readonly slug: string;
  readonly section: string;
  readonly tags: readonly string[];
  readonly authors: readonly string[];
  readonly source: { readonly name: string; readonly url: string };
  readonly lang: string;
  readonly flags: { readonly headline: boolean; readonly featured: boolean; readonly slideshow: boolean };
  readonly publishedAt: string | null;
  readonly publishAt: string | null;
  readonly reviewNote: string;
  readonly cover: { readonly mediaId: number; readonly url: string; readonly caption: string; readonly credit: string } | null;
  readonly url: string | null;
  readonly integrity: { readonly verdict: string; readonly findings: ReadonlyArray<{ rule: string; reason: string; location?: string }> } | null;
  /** SEO fields; '' uses the title, the summary and the article's own URL. */
  readonly seoTitle: string;
  readonly seoDescription: string;
  readonly seoCanonicalUrl: string;
}

const LANG_LABELS: Record<string, string> = { 'zh-Hans': '简体中文', 'zh-Hant': '繁體中文', en: 'English' };

/**
 * The editor screen's markup: fields on the left, the side panels (review, integrity,
 * publishing, taxonomy, cover, history) on the right. The TipTap editor (client/editor.entry.ts)
 * mounts over `#body-editor`; without scripts the body is the plain textarea.
 */
export function EditorPage({ page, a, sections }: { page: AdminPageContext; a: EditorArticle; sections: SectionIndex }) {
  const { lang, actor } = page;
  const t = (k: Parameters<typeof m>[1], v?: Record<string, string | number>) => m(lang, k, v);
  const mayPublish = can(actor, 'article.publish.own');
  return (
    <form id="editor-form" class="editor-grid" novalidate data-id={a.id ?? ''}>
      <div class="main-col">
        <div class="actions">
          <span id="save-state" class="save-state" role="status" aria-live="polite" data-state="saved">
            {a.id ? t('editor.state.saved') : ''}
          </span>
          <button type="button" id="save-now" class="primary">
            {t('editor.save')}
          </button>
          {a.id !== null && (
            <>
              <label for="preview-variant" class="visually-hidden">
                {t('preview.variant')}
              </label>
              <select id="preview-variant">
                {VARIANTS.map((v) => (
                  <option value={v}>{v}</option>
                ))}
              </select>
              <button type="button" id="preview">
                {t('editor.preview')}
              </button>
            </>
          )}
          <p class="form-error field-error" role="alert"></p>
        </div>
        <p class="notice warn" id="locked-note" hidden>
          {t('editor.locked')}
        </p>
        <label for="f-title">{t('editor.title')}</label>
        <input id="f-title" name="title" class="title-input" required maxLength={200} value={a.title} />
        <label for="f-subtitle">{t('editor.subtitle')}</label>
        <input id="f-subtitle" name="subtitle" maxLength={300} value={a.subtitle} />
        <label for="f-summary">{t('editor.summary')}</label>
        <textarea id="f-summary" name="summary" maxLength={1000}>
          {a.summary}
        </textarea>
        <label for="f-body" id="body-label">
          {t('editor.body')}
        </label>
        <div id="body-editor" class="prose-wrap">
          <textarea id="f-body" name="bodyHtml" rows={20}>
            {a.bodyHtml}
          </textarea>
        </div>
      </div>
      <div class="side">
        <section class="card" aria-labelledby="h-review">
          <h2 id="h-review">{t('review.title')}</h2>
          <p>
            <StatusBadge lang={lang} status={a.status} /> <span id="status-text">{t('review.status', { status: t(`status.${a.status}`) })}</span>
          </p>
          {a.reviewNote && (
            <p class="notice warn" id="review-note">
              {t('review.note', { note: a.reviewNote })}
            </p>
          )}
          <div id="review-panel">
            <label for="r-comment">{t('review.comment')}</label>
            <textarea id="r-comment" name="_comment" maxLength={2000}></textarea>
            <label for="r-publish-at">{t('editor.schedule')}</label>
            <input id="r-publish-at" name="_publishAt" type="datetime-local" value={localInput(a.publishAt)} />
            <div class="actions" id="review-actions"></div>
          </div>
        </section>
        <section class="card" aria-labelledby="h-integrity" id="integrity" hidden={!a.integrity || a.integrity.verdict === 'clean'}>
          <h2 id="h-integrity">{t('integrity.title')}</h2>
          <p>{t('integrity.flagged')}</p>
          <ul class="findings" id="integrity-findings">
            {(a.integrity?.findings ?? []).map((f) => (
              <li>
                {f.reason}
                {f.location ? `（${f.location}）` : ''}
              </li>
            ))}
          </ul>
          {can(actor, 'article.approve') && (
            <div>
              <label>
                <input type="checkbox" id="r-override" /> {t('integrity.override')}
              </label>
              <label for="r-override-reason">{t('integrity.reason')}</label>
              <input id="r-override-reason" />
            </div>
          )}
        </section>
        <section class="card" aria-labelledby="h-place">
          <h2 id="h-place">{t('editor.section')}</h2>
          <label for="f-section" class="visually-hidden">
            {t('editor.section')}
          </label>
          <select id="f-section" name="section" required>
            {sectionOptions(sections).map((s) => (
              <option value={s.slug} selected={a.section === s.slug}>
                {s.label}
              </option>
            ))}
          </select>
          <label for="f-tags">{t('editor.tags')}</label>
          <input id="f-tags" name="tags" value={a.tags.join('、')} aria-describedby="f-tags-hint" />
          <p class="hint" id="f-tags-hint">
            {t('editor.tagsHint')}
          </p>
          <button type="button" id="suggest-tags">
            {t('editor.suggest')}
          </button>
          <div class="tag-chips" id="tag-suggestions" aria-live="polite"></div>
          <fieldset>
            <legend>{t('editor.flags')}</legend>
            <label>
              <input type="checkbox" name="flags.headline" checked={a.flags.headline} /> {t('editor.headline')}
            </label>
            <label>
              <input type="checkbox" name="flags.featured" checked={a.flags.featured} /> {t('editor.featured')}
            </label>
            <label>
              <input type="checkbox" name="flags.slideshow" checked={a.flags.slideshow} /> {t('editor.slideshow')}
            </label>
          </fieldset>
        </section>
        <section class="card" aria-labelledby="h-cover">
          <h2 id="h-cover">{t('editor.cover')}</h2>
          <div id="cover-preview">{a.cover && <img src={a.cover.url} alt="" width={240} />}</div>
          <input type="hidden" name="cover.mediaId" value={a.cover ? String(a.cover.mediaId) : ''} />
          <label for="f-cover-caption">{t('media.caption')}</label>
          <input id="f-cover-caption" name="cover.caption" value={a.cover?.caption ?? ''} />
          <label for="f-cover-credit">{t('media.credit')}</label>
          <input id="f-cover-credit" name="cover.credit" value={a.cover?.credit ?? ''} />
          <div class="actions">
            <button type="button" id="cover-choose">
              {t('editor.coverChoose')}
            </button>
            <button type="button" id="cover-remove">
              {t('editor.coverRemove')}
            </button>
          </div>
        </section>
        <section class="card" aria-labelledby="h-meta">
          <h2 id="h-meta">{t('editor.seo')}</h2>
          <p class="hint">{t('editor.seoHint')}</p>
          <label for="f-seo-title">{t('editor.seoTitle')}</label>
          <input id="f-seo-title" name="seoTitle" maxLength={120} value={a.seoTitle} placeholder={a.title} aria-describedby="f-seo-title-hint" />
          <p class="hint" id="f-seo-title-hint">
            {t('editor.seoTitleHint')}
          </p>
          <label for="f-seo-description">{t('editor.seoDescription')}</label>
          <textarea id="f-seo-description" name="seoDescription" maxLength={300} rows={3} aria-describedby="f-seo-description-hint">
            {a.seoDescription}
          </textarea>
          <p class="hint" id="f-seo-description-hint">
            {t('editor.seoDescriptionHint')}
          </p>
          <label for="f-seo-canonical">{t('editor.seoCanonicalUrl')}</label>
          <input id="f-seo-canonical" name="seoCanonicalUrl" type="url" maxLength={2000} value={a.seoCanonicalUrl} aria-describedby="f-seo-canonical-hint" />
          <p class="hint" id="f-seo-canonical-hint">
            {t('editor.seoCanonicalUrlHint')}
          </p>
          <label for="f-slug">{t('editor.slug')}</label>
          <input id="f-slug" name="slug" value={a.slug} aria-describedby="f-slug-hint" />
          <p class="hint" id="f-slug-hint">
            {t('editor.slugHint')}
          </p>
          <label for="f-authors">{t('editor.authors')}</label>
          <input id="f-authors" name="authors" value={a.authors.join(', ')} aria-describedby="f-authors-hint" />
          <p class="hint" id="f-authors-hint">
            {t('editor.authorsHint')}
          </p>
          <label for="f-source-name">{t('editor.sourceName')}</label>
          <input id="f-source-name" name="source.name" value={a.source.name} />
          <label for="f-source-url">{t('editor.sourceUrl')}</label>
          <input id="f-source-url" name="source.url" type="url" value={a.source.url} />
          <label for="f-lang">{t('editor.lang')}</label>
          <select id="f-lang" name="lang">
            {SOURCE_LANGS.map((l) => (
              <option value={l} selected={a.lang === l}>
                {LANG_LABELS[l] ?? l}
              </option>
            ))}
          </select>
          {mayPublish && (
            <>
              <label for="f-published-at">{t('editor.publishedAt')}</label>
              <input id="f-published-at" name="publishedAt" type="datetime-local" value={localInput(a.publishedAt)} />
            </>
          )}
        </section>
        {a.id !== null && (
          <section class="card" aria-labelledby="h-history">
            <h2 id="h-history">{t('history.title')}</h2>
            <button type="button" id="history-load">
              {t('editor.history')}
            </button>
            <ol id="history-list"></ol>
          </section>
        )}
      </div>
    </form>
  );
}

/** An ISO instant as a `datetime-local` value in UTC+8-agnostic form (the client re-renders it in local time). */
function localInput(iso: string | null): string {
  return iso ? iso.slice(0, 16) : '';
}
