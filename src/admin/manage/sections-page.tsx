import type { SectionAdminView } from '../../content/taxonomy.admin.js';
import type { AdminLang } from '../messages.js';
import { mt } from './messages.js';
import type { Screen } from './routes.js';
import { ActionButton, ApiForm, Field, type ApiCall } from './ui.js';

interface Node {
  readonly s: SectionAdminView;
  readonly depth: number;
  readonly siblings: readonly SectionAdminView[];
}

/** Sections depth-first under their parents, each with its siblings (for moving up and down). */
export function sectionTree(all: readonly SectionAdminView[]): Node[] {
  const byParent = new Map<number | null, SectionAdminView[]>();
  for (const s of all) {
    const key = s.parentId !== null && all.some((p) => p.id === s.parentId) ? s.parentId : null;
    byParent.set(key, [...(byParent.get(key) ?? []), s]);
  }
  for (const list of byParent.values()) list.sort((a, b) => a.position - b.position || a.id - b.id);
  const out: Node[] = [];
  const walk = (parent: number | null, depth: number) => {
    const siblings = byParent.get(parent) ?? [];
    for (const s of siblings) {
      out.push({ s, depth, siblings });
      // A cycle cannot be stored, but a page must never loop: depth is bounded.
      if (depth < 20) walk(s.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

const url = (id: number) => `/api/v1/admin/sections/${id}`;

/** Moving a section one place: swap positions with its neighbour (equal positions get distinct ones). */
function swap(a: SectionAdminView, b: SectionAdminView): ApiCall[] {
  const [pa, pb] = a.position === b.position ? [b.position + 1, a.position] : [b.position, a.position];
  return [
    { url: url(a.id), method: 'PATCH', body: { version: a.version, position: pa } },
    { url: url(b.id), method: 'PATCH', body: { version: b.version, position: pb } },
  ];
}

function Row({ n, all, lang }: { n: Node; all: readonly SectionAdminView[]; lang: AdminLang }) {
  const { s } = n;
  const i = n.siblings.indexOf(s);
  const descendants = new Set<number>([s.id]);
  // A section cannot move under itself or its own descendants.
  for (let grew = true; grew; ) {
    grew = false;
    for (const x of all) {
      if (x.parentId === null || !descendants.has(x.parentId) || descendants.has(x.id)) continue;
      descendants.add(x.id);
      grew = true;
    }
  }
  const busy = s.articles > 0 || s.children > 0;
  return (
    <tr>
      <td style={`padding-left:${0.5 + n.depth * 1.5}rem`}>
        <ApiForm api={url(s.id)} method="PATCH" flash={mt(lang, 'done.saved')} class="row-form" label={`${mt(lang, 'sections.rename')} ${s.name}`}>
          <input type="hidden" name="version" value={String(s.version)} data-type="number" />
          <label class="visually-hidden" for={`sec-name-${s.id}`}>{mt(lang, 'sections.name')}</label>
          <input id={`sec-name-${s.id}`} name="name" value={s.name} maxLength={40} required />
          <button type="submit">{mt(lang, 'sections.rename')}</button>
        </ApiForm>
        <a href={s.url} class="hint">{s.url}</a>
      </td>
      <td class="num">{s.articles}</td>
      <td>
        <ApiForm api={url(s.id)} method="PATCH" flash={mt(lang, 'done.saved')} class="row-form" label={`${mt(lang, 'sections.move')} ${s.name}`}>
          <input type="hidden" name="version" value={String(s.version)} data-type="number" />
          <label class="visually-hidden" for={`sec-parent-${s.id}`}>{mt(lang, 'sections.parent')}</label>
          <select id={`sec-parent-${s.id}`} name="parent" data-type="nullable">
            <option value="">{mt(lang, 'sections.top')}</option>
            {all
              .filter((p) => !descendants.has(p.id))
              .map((p) => (
                <option key={p.id} value={p.slug} selected={p.id === s.parentId}>
                  {p.name}
                </option>
              ))}
          </select>
          <button type="submit">{mt(lang, 'sections.move')}</button>
        </ApiForm>
      </td>
      <td class="actions-cell">
        <ActionButton label={mt(lang, 'sections.up')} flash={mt(lang, 'done.saved')} calls={i > 0 ? swap(s, n.siblings[i - 1]!) : []} disabled={i === 0} />
        <ActionButton label={mt(lang, 'sections.down')} flash={mt(lang, 'done.saved')} calls={i < n.siblings.length - 1 ? swap(s, n.siblings[i + 1]!) : []} disabled={i === n.siblings.length - 1} />
        <ActionButton
          label={mt(lang, 'sections.delete')}
          danger
          flash={mt(lang, 'done.deleted')}
          confirm={mt(lang, 'sections.confirmDelete', { name: s.name })}
          calls={[{ url: url(s.id), method: 'DELETE' }]}
          disabled={busy}
          title={busy ? mt(lang, 'sections.notEmpty') : undefined}
        />
      </td>
    </tr>
  );
}

/** 欄目: the section tree with create, rename, move, reorder and delete (only when empty). */
export const sectionsPage: Screen = async (page) => {
  const lang = page.lang;
  const all = await page.deps.container.newsroom.taxonomy.sections();
  const tree = sectionTree(all);
  return {
    title: mt(lang, 'sections.title'),
    body: (
      <>
        <table class="list">
          <thead>
            <tr>
              <th scope="col">{mt(lang, 'sections.name')}</th>
              <th scope="col">{mt(lang, 'sections.articles')}</th>
              <th scope="col">{mt(lang, 'sections.parent')}</th>
              <th scope="col">{mt(lang, 'sections.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {tree.map((n) => (
              <Row key={n.s.id} n={n} all={all} lang={lang} />
            ))}
          </tbody>
        </table>
        <section class="card" aria-labelledby="new-section">
          <h2 id="new-section">{mt(lang, 'sections.create')}</h2>
          <ApiForm api="/api/v1/admin/sections" method="POST" flash={mt(lang, 'done.created')} id="section-create">
            <div class="grid-2">
              <Field id="new-sec-name" label={mt(lang, 'sections.name')}>
                <input id="new-sec-name" name="name" maxLength={40} required />
              </Field>
              <Field id="new-sec-slug" label={mt(lang, 'sections.slug')} hint="a-z, 0-9, -">
                <input id="new-sec-slug" name="slug" maxLength={60} required pattern="[a-z0-9-]+" />
              </Field>
              <Field id="new-sec-parent" label={mt(lang, 'sections.parent')}>
                <select id="new-sec-parent" name="parent" data-type="nullable">
                  <option value="">{mt(lang, 'sections.top')}</option>
                  {all.map((p) => (
                    <option key={p.id} value={p.slug}>
                      {p.name}
                    </option>
                  ))}
                </select>
              </Field>
              <Field id="new-sec-position" label={mt(lang, 'sections.position')}>
                <input id="new-sec-position" name="position" type="number" min={0} max={10000} value={String(all.reduce((m, s) => Math.max(m, s.position), 0) + 1)} data-type="number" />
              </Field>
            </div>
            <div class="actions">
              <button type="submit" class="primary">{mt(lang, 'sections.create')}</button>
            </div>
          </ApiForm>
        </section>
      </>
    ),
  };
};
