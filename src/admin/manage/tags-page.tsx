import type { TagAdminView } from '../../content/taxonomy.admin.js';
import type { AdminLang } from '../messages.js';
import { mt } from './messages.js';
import { qint, qs } from './query.js';
import type { Screen } from './routes.js';
import { ActionButton, ApiForm, Field, Pager } from './ui.js';

const LIMIT = 50;
const url = (id: number) => `/api/v1/admin/tags/${id}`;

function Row({ t, lang }: { t: TagAdminView; lang: AdminLang }) {
  return (
    <tr>
      <td>
        <ApiForm api={url(t.id)} method="PATCH" flash={mt(lang, 'done.saved')} class="row-form" label={`${mt(lang, 'tags.rename')} ${t.name}`}>
          <input type="hidden" name="version" value={String(t.version)} data-type="number" />
          <label class="visually-hidden" for={`tag-name-${t.id}`}>{mt(lang, 'tags.name')}</label>
          <input id={`tag-name-${t.id}`} name="name" value={t.name} maxLength={60} required />
          <label class="visually-hidden" for={`tag-slug-${t.id}`}>{mt(lang, 'tags.slug')}</label>
          <input id={`tag-slug-${t.id}`} name="slug" value={t.slug} maxLength={80} required />
          <button type="submit">{mt(lang, 'tags.rename')}</button>
        </ApiForm>
        <a href={t.url} class="hint">{t.url}</a>
        {t.oldSlugs.length > 0 && <p class="hint">{`${mt(lang, 'tags.oldSlugs')}: ${t.oldSlugs.join(', ')}`}</p>}
      </td>
      <td class="num">{t.articles}</td>
      <td class="num">{t.published}</td>
      <td>
        <ActionButton label={mt(lang, 'sections.delete')} danger flash={mt(lang, 'done.deleted')} confirm={mt(lang, 'sections.confirmDelete', { name: t.name })} calls={[{ url: url(t.id), method: 'DELETE' }]} />
      </td>
    </tr>
  );
}

/** One merge form for the page's tags (a select per row would repeat every tag in every row). */
function MergeForm({ tags, lang }: { tags: readonly TagAdminView[]; lang: AdminLang }) {
  const options = tags.map((t) => (
    <option key={t.id} value={String(t.id)}>
      {`${t.name} (${t.slug})`}
    </option>
  ));
  return (
    <section class="card" aria-labelledby="merge-tags">
      <h2 id="merge-tags">{mt(lang, 'tags.merge')}</h2>
      <ApiForm api="/api/v1/admin/tags/{from}/merge" method="POST" flash={mt(lang, 'done.saved')} id="tag-merge">
        <div class="grid-2">
          <Field id="merge-from" label={mt(lang, 'tags.mergeFrom')}>
            <select id="merge-from" name="from" data-url-param="from">
              {options}
            </select>
          </Field>
          <Field id="merge-into" label={mt(lang, 'tags.mergeInto')}>
            <select id="merge-into" name="into" data-type="number">
              {options}
            </select>
          </Field>
        </div>
        <div class="actions">
          <button type="submit" data-confirm={mt(lang, 'tags.confirmMerge')}>
            {mt(lang, 'tags.merge')}
          </button>
        </div>
      </ApiForm>
    </section>
  );
}

/** 標籤: tags with their counts, search, create, rename (old URL redirects), merge and delete. */
export const tagsPage: Screen = async (page, req) => {
  const lang = page.lang;
  const q = qs(req, 'q');
  const p = qint(req, 'page', 1);
  const { tags, total } = await page.deps.container.newsroom.taxonomy.tags(q, p, LIMIT);
  return {
    title: mt(lang, 'tags.title'),
    body: (
      <>
        <form method="get" action="/admin/tags" class="filters" role="search">
          <div>
            <label for="tag-q">{mt(lang, 'tags.search')}</label>
            <input id="tag-q" name="q" type="search" value={q ?? ''} maxLength={60} />
          </div>
          <div>
            <button type="submit">{mt(lang, 'tags.filter')}</button>
          </div>
        </form>
        {tags.length === 0 ? (
          <p>{mt(lang, 'tags.empty')}</p>
        ) : (
          <table class="list">
            <thead>
              <tr>
                <th scope="col">{mt(lang, 'tags.name')}</th>
                <th scope="col">{mt(lang, 'tags.articles')}</th>
                <th scope="col">{mt(lang, 'tags.published')}</th>
                <th scope="col">{mt(lang, 'sections.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {tags.map((t) => (
                <Row key={t.id} t={t} lang={lang} />
              ))}
            </tbody>
          </table>
        )}
        <Pager lang={lang} base="/admin/tags" query={{ q }} page={p} limit={LIMIT} total={total} />
        {tags.length > 1 && <MergeForm tags={tags} lang={lang} />}
        <section class="card" aria-labelledby="new-tag">
          <h2 id="new-tag">{mt(lang, 'tags.create')}</h2>
          <ApiForm api="/api/v1/admin/tags" method="POST" flash={mt(lang, 'done.created')} id="tag-create">
            <div class="grid-2">
              <Field id="new-tag-name" label={mt(lang, 'tags.name')}>
                <input id="new-tag-name" name="name" maxLength={60} required />
              </Field>
              <Field id="new-tag-slug" label={mt(lang, 'tags.slug')}>
                <input id="new-tag-slug" name="slug" maxLength={80} data-type="optional" />
              </Field>
            </div>
            <div class="actions">
              <button type="submit" class="primary">{mt(lang, 'tags.create')}</button>
            </div>
          </ApiForm>
        </section>
      </>
    ),
  };
};
