import type { ComponentChildren } from 'preact';
import type { TermView } from '../../dictionary/dictionary.service.js';
import type { SiteSettingView } from '../../settings/site-settings.service.js';
import { VARIANTS } from '../../zh/variants.js';
import type { AdminLang } from '../messages.js';
import { mt, type ManageKey } from './messages.js';
import type { Screen } from './routes.js';
import { ActionButton, ApiForm, Field } from './ui.js';


function Setting({ f, lang, children }: { f: SiteSettingView; lang: AdminLang; children: ComponentChildren }) {
  const configured = mt(lang, 'settings.configured', { value: String(f.configured) === '' ? '—' : String(f.configured) });
  return (
    <Field id={`set-${f.key}`} label={mt(lang, `settings.${f.key}` as ManageKey)}>
      {children}
      <p class="hint">
        {configured}
        {f.overridden && (
          <>
            {' '}
            <ActionButton label={mt(lang, 'settings.reset')} flash={mt(lang, 'settings.saved')} calls={[{ url: '/api/v1/admin/settings', method: 'PATCH', body: { [f.key]: null } }]} />
          </>
        )}
      </p>
    </Field>
  );
}

function TermForm({ term, lang }: { term?: TermView; lang: AdminLang }) {
  const id = term ? `term-${term.id}` : 'term-new';
  const protectedTerm = term && VARIANTS.every((v) => term.outputs[v] === term.match[0]);
  return (
    <ApiForm
      api={term ? `/api/v1/admin/dictionary/${term.id}` : '/api/v1/admin/dictionary'}
      method={term ? 'PUT' : 'POST'}
      flash={mt(lang, 'done.saved')}
      class="term-form"
      id={term ? undefined : 'term-create'}
      label={term ? term.match.join('、') : mt(lang, 'settings.addTerm')}
    >
      {term && <input type="hidden" name="replaces" value={String(term.id)} data-type="number" data-preview-only="1" />}
      <Field id={`${id}-match`} label={mt(lang, 'settings.match')}>
        <input id={`${id}-match`} name="match" value={term?.match.join(', ') ?? ''} data-type="list" required />
      </Field>
      <fieldset class="checks">
        <legend>{mt(lang, 'settings.outputsHint')}</legend>
        <div class="grid-4">
          {VARIANTS.map((v) => (
            <div key={v}>
              <label for={`${id}-${v}`}>{v}</label>
              <input id={`${id}-${v}`} name={`outputs.${v}`} value={protectedTerm ? '' : (term?.outputs[v] ?? '')} data-type="optional" />
            </div>
          ))}
        </div>
      </fieldset>
      <Field id={`${id}-note`} label={mt(lang, 'settings.note')}>
        <input id={`${id}-note`} name="note" value={term?.note ?? ''} maxLength={200} />
      </Field>
      <div class="actions">
        <button type="submit" class={term ? undefined : 'primary'}>
          {mt(lang, term ? 'settings.saveTerm' : 'settings.addTerm')}
        </button>
        {term && <ActionButton label={mt(lang, 'settings.removeTerm')} danger flash={mt(lang, 'done.deleted')} confirm={mt(lang, 'settings.confirmRemoveTerm')} calls={[{ url: `/api/v1/admin/dictionary/${term.id}`, method: 'DELETE' }]} />}
      </div>
    </ApiForm>
  );
}

/** 網站設定: the site settings form and the protected-terms dictionary with a live preview. */
export const settingsPage: Screen = async (page) => {
  const lang = page.lang;
  const c = page.deps.container;
  const [view, terms] = await Promise.all([c.settings.view(), c.dictionary.list()]);
  const f = Object.fromEntries(view.fields.map((x) => [x.key, x])) as Record<SiteSettingView['key'], SiteSettingView>;
  const s = view.settings;
  return {
    title: mt(lang, 'settings.title'),
    body: (
      <>
        <ApiForm api="/api/v1/admin/settings" method="PATCH" flash={mt(lang, 'settings.saved')} id="settings-form" class="card" changedOnly>
          <h2>{mt(lang, 'settings.site')}</h2>
          <Setting f={f.siteName} lang={lang}>
            <input id="set-siteName" name="siteName" value={s.siteName} maxLength={80} required />
          </Setting>
          <Setting f={f.defaultVariant} lang={lang}>
            <select id="set-defaultVariant" name="defaultVariant">
              {VARIANTS.map((v) => (
                <option key={v} value={v} selected={v === s.defaultVariant}>
                  {`${mt(lang, `variant.${v}` as ManageKey)} (${v})`}
                </option>
              ))}
            </select>
          </Setting>
          <Setting f={f.siteDescription} lang={lang}>
            <textarea id="set-siteDescription" name="siteDescription" maxLength={300}>
              {s.siteDescription}
            </textarea>
          </Setting>
          <h2>{mt(lang, 'settings.feeds')}</h2>
          <div class="grid-2">
            <Setting f={f.feedItems} lang={lang}>
              <input id="set-feedItems" name="feedItems" type="number" min={1} max={200} value={String(s.feedItems)} data-type="number" />
            </Setting>
            <Setting f={f.feedContent} lang={lang}>
              <select id="set-feedContent" name="feedContent">
                <option value="full" selected={s.feedContent === 'full'}>
                  {mt(lang, 'settings.feedFull')}
                </option>
                <option value="summary" selected={s.feedContent === 'summary'}>
                  {mt(lang, 'settings.feedSummary')}
                </option>
              </select>
            </Setting>
          </div>
          <h2>{mt(lang, 'settings.cache')}</h2>
          <div class="grid-2">
            <Setting f={f.pageCacheTtl} lang={lang}>
              <input id="set-pageCacheTtl" name="pageCacheTtl" type="number" min={1} max={86400} value={String(s.pageCacheTtl)} data-type="number" />
            </Setting>
            <Setting f={f.pageCacheSwr} lang={lang}>
              <input id="set-pageCacheSwr" name="pageCacheSwr" type="number" min={0} max={86400} value={String(s.pageCacheSwr)} data-type="number" />
            </Setting>
          </div>
          <div class="actions">
            <button type="submit" class="primary">{mt(lang, 'settings.save')}</button>
          </div>
        </ApiForm>
        <section class="card" aria-labelledby="dictionary">
          <h2 id="dictionary">{mt(lang, 'settings.dictionary')}</h2>
          <p class="hint">{mt(lang, 'settings.dictionaryHint')}</p>
          <div class="preview card" aria-labelledby="preview-title">
            <h3 id="preview-title">{mt(lang, 'settings.preview')}</h3>
            <label for="preview-text">{mt(lang, 'settings.previewText')}</label>
            <textarea id="preview-text" maxLength={2000}>
              {mt(lang, 'settings.previewDefault')}
            </textarea>
            <dl id="preview-out" class="preview-out" aria-live="polite">
              {VARIANTS.map((v) => (
                <div key={v}>
                  <dt>{v}</dt>
                  <dd data-variant={v}></dd>
                </div>
              ))}
            </dl>
          </div>
          {terms.length === 0 && <p>{mt(lang, 'settings.noTerms')}</p>}
          {terms.map((term) => (
            <details key={term.id} class="term">
              <summary>
                {term.match.join('、')}
                {VARIANTS.every((v) => term.outputs[v] === term.match[0]) ? ` ${mt(lang, 'settings.protected')}` : ''}
                {term.note ? ` — ${term.note}` : ''}
              </summary>
              <TermForm term={term} lang={lang} />
            </details>
          ))}
          <h3>{mt(lang, 'settings.addTerm')}</h3>
          <TermForm lang={lang} />
        </section>
      </>
    ),
  };
};
