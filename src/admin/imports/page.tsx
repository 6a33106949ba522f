import type { SectionNode } from '../../content/section.service.js';
import type { Subscription } from '../../ingest/subscriptions.js';
import type { AdminLang } from '../messages.js';
import { it } from './messages.js';

function options(nodes: readonly SectionNode[], depth = 0): Array<{ slug: string; label: string }> {
  return nodes.flatMap((n) => [{ slug: n.slug, label: `${'　'.repeat(depth)}${n.name}` }, ...options(n.children, depth + 1)]);
}

/** The import form, the result area the script fills, and the feed subscriptions. */
export function ImportsPage(p: { lang: AdminLang; sections: readonly SectionNode[]; subscriptions: readonly Subscription[] }) {
  const { lang } = p;
  return (
    <>
      <p class="hint">{it(lang, 'imports.intro')}</p>
      <form id="import-form" class="card" novalidate>
        <div class="field">
          <label for="imp-kind">{it(lang, 'imports.kind')}</label>
          <select id="imp-kind" name="kind">
            {(['rss', 'wxr', 'html'] as const).map((k) => (
              <option key={k} value={k}>
                {it(lang, `imports.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="imp-url">{it(lang, 'imports.url')}</label>
          <input id="imp-url" name="url" type="url" inputMode="url" placeholder="https://" aria-describedby="imp-url-hint" />
          <p class="hint" id="imp-url-hint">{it(lang, 'imports.urlHint')}</p>
        </div>
        <div class="field">
          <label for="imp-file">{it(lang, 'imports.file')}</label>
          <input id="imp-file" name="file" type="file" accept=".xml,.rss,.atom,.html,.htm,text/xml,application/xml,text/html" aria-describedby="imp-file-hint" />
          <p class="hint" id="imp-file-hint">{it(lang, 'imports.fileHint')}</p>
        </div>
        <div class="field">
          <label for="imp-section">{it(lang, 'imports.section')}</label>
          <select id="imp-section" name="section" aria-describedby="imp-section-hint">
            <option value="">{it(lang, 'imports.none')}</option>
            {options(p.sections).map((o) => (
              <option key={o.slug} value={o.slug}>
                {o.label}
              </option>
            ))}
          </select>
          <p class="hint" id="imp-section-hint">{it(lang, 'imports.sectionHint')}</p>
        </div>
        <label class="check">
          <input type="checkbox" name="publish" /> {it(lang, 'imports.publish')}
        </label>
        <label class="check">
          <input type="checkbox" name="dryRun" checked /> {it(lang, 'imports.dryRun')}
        </label>
        <p class="form-error" role="alert"></p>
        <div class="actions">
          <button type="submit">{it(lang, 'imports.run')}</button>
        </div>
      </form>
      <section id="import-result" aria-live="polite" hidden>
        <h2>{it(lang, 'imports.result')}</h2>
        <p id="import-summary"></p>
        <table class="list">
          <thead>
            <tr>
              <th scope="col">{it(lang, 'imports.col.status')}</th>
              <th scope="col">{it(lang, 'imports.col.title')}</th>
              <th scope="col">{it(lang, 'imports.col.note')}</th>
            </tr>
          </thead>
          <tbody id="import-rows"></tbody>
        </table>
      </section>
      <section class="card">
        <h2>{it(lang, 'imports.subscriptions')}</h2>
        {p.subscriptions.length === 0 ? (
          <p class="hint">{it(lang, 'imports.subscriptionsNone')}</p>
        ) : (
          <ul>
            {p.subscriptions.map((s) => (
              <li key={s.id}>
                <code>{s.url}</code> · {it(lang, 'imports.every', { n: s.everyMinutes })}
                {s.title ? ` · ${s.title}` : ''}
                {s.failures > 0 && <span class="notice warn"> {it(lang, 'imports.failing', { n: s.failures, error: s.lastError })}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
