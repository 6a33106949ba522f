import type { ComponentChildren } from 'preact';
import type { AdminLang } from '../messages.js';
import { mt } from './messages.js';

/** One call of an action button: what `client/manage.entry.ts` sends, in order. */
export interface ApiCall {
  readonly url: string;
  readonly method: 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  readonly body?: Readonly<Record<string, unknown>>;
}

/**
 * A form the management script submits to the admin API as JSON (never a page post): field
 * names with dots nest (`outputs.zh-TW`), `data-type` on an input converts its value (see
 * `FieldType`), field messages show under their inputs, and on success the page reloads with
 * a flash message, or (`secret`) the answer's secret is shown once in the form's secret box.
 */
export function ApiForm(p: {
  api: string;
  method: 'POST' | 'PATCH' | 'PUT';
  flash: string;
  children: ComponentChildren;
  class?: string;
  /** Show `answer[secret]` instead of reloading (tokens, webhook secrets). */
  secret?: string;
  secretNote?: string;
  label?: string;
  id?: string;
  /** Send only the fields whose value changed since the page was rendered. */
  changedOnly?: boolean;
}) {
  return (
    <form class={`api-form ${p.class ?? ''}`.trim()} data-api={p.api} data-method={p.method} data-flash={p.flash} data-secret={p.secret} data-changed-only={p.changedOnly ? '' : undefined} aria-label={p.label} id={p.id} novalidate>
      {p.children}
      <p class="form-error" role="alert"></p>
      {p.secret && (
        <div class="secret-box notice ok" hidden>
          <p>{p.secretNote}</p>
          <p>
            <code class="secret-value"></code>
          </p>
        </div>
      )}
    </form>
  );
}

/** How the script converts an input's text: number, boolean (checkbox), comma list, null when empty, left out when empty. */
export type FieldType = 'number' | 'bool' | 'list' | 'nullable' | 'optional';

/** A labelled input, select or textarea with an optional hint; ids come from `id`. */
export function Field(p: { id: string; label: string; hint?: string; children: ComponentChildren }) {
  return (
    <div class="field">
      <label for={p.id}>{p.label}</label>
      {p.children}
      {p.hint && <p class="hint">{p.hint}</p>}
    </div>
  );
}

/** A button that runs one or more API calls (after a confirmation when `confirm` is set), then reloads. */
export function ActionButton(p: { calls: readonly ApiCall[]; label: string; flash: string; confirm?: string; danger?: boolean; disabled?: boolean; title?: string }) {
  return (
    <button type="button" class={p.danger ? 'danger' : undefined} data-calls={JSON.stringify(p.calls)} data-flash={p.flash} data-confirm={p.confirm} disabled={p.disabled} title={p.title}>
      {p.label}
    </button>
  );
}

/** Previous/next links keeping the other query parameters. */
export function Pager(p: { lang: AdminLang; base: string; query: Record<string, string | undefined>; page: number; limit: number; total: number }) {
  const pages = Math.max(1, Math.ceil(p.total / p.limit));
  if (pages <= 1) return null;
  const href = (n: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(p.query)) if (v) q.set(k, v);
    q.set('page', String(n));
    return `${p.base}?${q.toString()}`;
  };
  return (
    <nav class="pager" aria-label={mt(p.lang, 'pager.of', { page: p.page, pages, total: p.total })}>
      {p.page > 1 ? <a href={href(p.page - 1)} rel="prev">{mt(p.lang, 'pager.prev')}</a> : <span aria-hidden="true">{mt(p.lang, 'pager.prev')}</span>}
      <span>{mt(p.lang, 'pager.of', { page: p.page, pages, total: p.total })}</span>
      {p.page < pages ? <a href={href(p.page + 1)} rel="next">{mt(p.lang, 'pager.next')}</a> : <span aria-hidden="true">{mt(p.lang, 'pager.next')}</span>}
    </nav>
  );
}

/** A date-time for tables: local to the newsroom's browser would need a script, so UTC, short. */
export function when(iso: string | null): string {
  return iso ? iso.slice(0, 16).replace('T', ' ') : '—';
}
