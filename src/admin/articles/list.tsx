import { adminListQuery } from '../../api/admin-articles.api.js';
import { can } from '../../auth/permissions.js';
import { ARTICLE_STATUSES } from '../../content/article.fields.js';
import type { AdminArticle } from '../../content/article.admin.js';
import type { SectionIndex } from '../../content/section.service.js';
import type { ViewCounts } from '../../recommend/views.repo.js';
import { isAppError } from '../../errors/index.js';
import type { AdminPageContext } from '../session.js';
import { articleMessages as m } from './messages.js';
import { sectionOptions, StatusBadge, timeLabel } from './parts.js';

/** What the list screen shows: one page of articles with their views, and the filter choices. */
export interface ArticleListModel {
  readonly query: Record<string, string>;
  readonly items: readonly AdminArticle[];
  readonly views: ReadonlyMap<number, ViewCounts>;
  readonly total: number;
  readonly approximate: boolean;
  readonly page: number;
  readonly limit: number;
  readonly sections: SectionIndex;
  readonly authors: ReadonlyArray<{ slug: string; name: string }>;
  /** The newsroom's time zone, for the dates shown. */
  readonly timeZone: string;
  /** Field messages when a filter was not valid (the list is then empty). */
  readonly errors: Readonly<Record<string, string>>;
}

/**
 * Loads the list screen's model with the same services and rules as `GET /api/v1/admin/articles`
 * (members who may not edit others' articles see only their own). Bad filters become field
 * messages on the form, never an error page.
 */
export async function loadArticleList(page: AdminPageContext, raw: Record<string, unknown>): Promise<ArticleListModel> {
  const c = page.deps.container;
  const query = Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  const [sections, users] = await Promise.all([c.sections.index(), can(page.actor, 'article.edit.any') ? c.users.list({}, 1, 200) : Promise.resolve({ users: [] })]);
  const base = { query, sections, timeZone: c.config.timezone, authors: users.users.filter((u) => !u.disabled).map((u) => ({ slug: u.slug, name: u.name })) };
  const parsed = adminListQuery.safeParse(query);
  if (!parsed.success) {
    const errors = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'q'), i.message]));
    return { ...base, items: [], views: new Map(), total: 0, approximate: false, page: 1, limit: 20, errors };
  }
  try {
    // The same use case as the API: date range and order work with or without a search term.
    const res = await c.newsroom.admin.list(parsed.data, page.actor);
    const views = await c.views.service.countsFor(res.items.map((a) => a.article.id));
    return { ...base, items: res.items, views, total: res.total, approximate: res.approximate, page: parsed.data.page, limit: parsed.data.limit, errors: {} };
  } catch (err) {
    if (!isAppError(err) || !err.fields) throw err;
    return { ...base, items: [], views: new Map(), total: 0, approximate: false, page: 1, limit: 20, errors: err.fields };
  }
}

/** The list's orders besides the default (updated, or publish time with a search term). */
const SORTS = ['updated', 'published', 'title', 'relevance'] as const;

function pageUrl(query: Record<string, string>, n: number): string {
  const p = new URLSearchParams({ ...query, page: String(n) });
  return `/admin/articles?${p.toString()}`;
}

/** The article list: filters, bulk actions the role allows, the table and the pager. */
export function ArticleList({ page, model }: { page: AdminPageContext; model: ArticleListModel }) {
  const { lang } = page;
  const q = model.query;
  const pages = Math.max(1, Math.ceil(model.total / model.limit));
  const err = (f: string) =>
    model.errors[f] ? (
      <p class="field-error" id={`f-${f}-err`}>
        {model.errors[f]}
      </p>
    ) : null;
  const mayPublish = can(page.actor, 'article.publish.own');
  const mayUnpublish = can(page.actor, 'article.unpublish');
  return (
    <div>
      <form class="filters" method="get" action="/admin/articles" role="search" aria-label={m(lang, 'list.filters')}>
        <div>
          <label for="f-q">{m(lang, 'list.q')}</label>
          <input id="f-q" name="q" type="search" value={q.q ?? ''} aria-invalid={model.errors.q ? 'true' : undefined} />
          {err('q')}
        </div>
        <div>
          <label for="f-status">{m(lang, 'list.status')}</label>
          <select id="f-status" name="status">
            <option value="">{m(lang, 'list.any')}</option>
            {ARTICLE_STATUSES.map((s) => (
              <option value={s} selected={q.status === s}>
                {m(lang, `status.${s}`)}
              </option>
            ))}
          </select>
          {err('status')}
        </div>
        <div>
          <label for="f-section">{m(lang, 'list.section')}</label>
          <select id="f-section" name="section">
            <option value="">{m(lang, 'list.any')}</option>
            {sectionOptions(model.sections).map((s) => (
              <option value={s.slug} selected={q.section === s.slug}>
                {s.label}
              </option>
            ))}
          </select>
          {err('section')}
        </div>
        {model.authors.length > 0 && (
          <div>
            <label for="f-author">{m(lang, 'list.author')}</label>
            <select id="f-author" name="author">
              <option value="">{m(lang, 'list.any')}</option>
              {model.authors.map((a) => (
                <option value={a.slug} selected={q.author === a.slug}>
                  {a.name}
                </option>
              ))}
            </select>
            {err('author')}
          </div>
        )}
        <div>
          <label for="f-tag">{m(lang, 'list.tag')}</label>
          <input id="f-tag" name="tag" value={q.tag ?? ''} aria-invalid={model.errors.tag ? 'true' : undefined} />
          {err('tag')}
        </div>
        <div>
          <label for="f-from">{m(lang, 'list.from')}</label>
          <input id="f-from" name="from" type="date" value={q.from ?? ''} aria-describedby="f-range-hint" aria-invalid={model.errors.from ? 'true' : undefined} />
          {err('from')}
        </div>
        <div>
          <label for="f-to">{m(lang, 'list.to')}</label>
          <input id="f-to" name="to" type="date" value={q.to ?? ''} aria-describedby="f-range-hint" aria-invalid={model.errors.to ? 'true' : undefined} />
          {err('to')}
        </div>
        <div>
          <label for="f-sort">{m(lang, 'list.sort')}</label>
          <select id="f-sort" name="sort" aria-describedby="f-range-hint" aria-invalid={model.errors.sort ? 'true' : undefined}>
            <option value="">{m(lang, 'list.sortDefault')}</option>
            {SORTS.map((v) => (
              <option value={v} selected={q.sort === v}>
                {m(lang, `list.sort.${v}`)}
              </option>
            ))}
          </select>
          {err('sort')}
        </div>
        <div class="actions">
          <button type="submit" class="primary">
            {m(lang, 'list.apply')}
          </button>
          <a class="button" href="/admin/articles">
            {m(lang, 'list.reset')}
          </a>
        </div>
      </form>
      <p class="hint">
        {m(lang, model.approximate ? 'list.approximate' : 'list.total', { total: model.total })} ·{' '}
        <span id="f-range-hint">{m(lang, 'list.sortNote')}</span>
      </p>
      <form id="bulk" class="actions" aria-label={m(lang, 'bulk.label')}>
        <label for="bulk-action" class="visually-hidden">
          {m(lang, 'bulk.choose')}
        </label>
        <select id="bulk-action" name="action">
          <option value="">{m(lang, 'bulk.choose')}</option>
          {mayPublish && <option value="publish">{m(lang, 'bulk.publish')}</option>}
          {mayUnpublish && <option value="unpublish">{m(lang, 'bulk.unpublish')}</option>}
          <option value="move">{m(lang, 'bulk.move')}</option>
        </select>
        <label for="bulk-section" class="visually-hidden">
          {m(lang, 'bulk.move')}
        </label>
        <select id="bulk-section" name="section" hidden>
          {sectionOptions(model.sections).map((s) => (
            <option value={s.slug}>{s.label}</option>
          ))}
        </select>
        <button type="submit">{m(lang, 'bulk.apply')}</button>
        <span id="bulk-result" role="status" aria-live="polite"></span>
      </form>
      {model.items.length === 0 ? (
        <p class="notice">{m(lang, 'list.empty')}</p>
      ) : (
        <table class="list" id="article-table">
          <thead>
            <tr>
              <th scope="col">
                <input type="checkbox" id="select-all" aria-label={m(lang, 'list.selectAll')} />
              </th>
              <th scope="col">{m(lang, 'list.col.title')}</th>
              <th scope="col">{m(lang, 'list.col.status')}</th>
              <th scope="col">{m(lang, 'list.col.section')}</th>
              <th scope="col">{m(lang, 'list.col.authors')}</th>
              <th scope="col">{m(lang, 'list.col.published')}</th>
              <th scope="col">{m(lang, 'list.col.updated')}</th>
              <th scope="col">{m(lang, 'list.col.views')}</th>
            </tr>
          </thead>
          <tbody>
            {model.items.map((a) => {
              const v = model.views.get(a.article.id);
              const flagged = a.integrity?.verdict === 'flagged';
              return (
                <tr data-id={a.article.id} data-version={a.article.version} data-title={a.article.title}>
                  <td>
                    <input type="checkbox" name="pick" value={String(a.article.id)} aria-label={a.article.title} />
                  </td>
                  <td>
                    <a href={`/admin/articles/${a.article.id}`}>{a.article.title}</a>
                    {flagged && (
                      <span class="badge flagged" title={m(lang, 'list.flaggedTitle', { reasons: a.integrity.findings.map((f) => f.reason).join('；') })}>
                        {' '}
                        {m(lang, 'list.flagged')}
                      </span>
                    )}
                  </td>
                  <td>
                    <StatusBadge lang={lang} status={a.article.status} />
                  </td>
                  <td>{a.article.section.name}</td>
                  <td>{a.article.authors.map((x) => x.name).join('、')}</td>
                  <td>{a.article.publishedAt ? timeLabel(a.article.publishedAt, model.timeZone) : '—'}</td>
                  <td>{timeLabel(a.article.updatedAt, model.timeZone)}</td>
                  <td class="num">{v ? `${v.last24h} / ${v.total}` : '0 / 0'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {pages > 1 && (
        <nav class="pager" aria-label={m(lang, 'list.page', { page: model.page, pages })}>
          {model.page > 1 && <a href={pageUrl(q, model.page - 1)}>{m(lang, 'list.prev')}</a>}
          <span>{m(lang, 'list.page', { page: model.page, pages })}</span>
          {model.page < pages && <a href={pageUrl(q, model.page + 1)}>{m(lang, 'list.next')}</a>}
        </nav>
      )}
    </div>
  );
}
