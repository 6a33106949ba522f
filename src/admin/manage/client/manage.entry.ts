// The management screens' browser code (媒體庫, 欄目, 標籤, 用戶, 令牌, Webhooks, 網站設定):
// forms and buttons rendered by the server call the admin API as JSON; media uploads show
// their progress; the dictionary preview follows typing.
import { api, ApiError, clearErrors, msg, showErrors, toast } from '../../client/api.js';
import { setUpMediaUploads } from './media-upload.js';

/** Reloads the page with a flash message (shown by the shell's common script). */
function reloadWith(flash: string): void {
  const url = new URL(location.href);
  url.searchParams.set('flash', flash);
  location.assign(url.toString());
}

/** Sets `path` (dotted) in `target`. */
function put(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let at = target;
  for (const p of parts.slice(0, -1)) at = (at[p] ??= {}) as Record<string, unknown>;
  at[parts[parts.length - 1]!] = value;
}

/** Whether a field differs from the value the page was rendered with. */
function changed(el: HTMLInputElement): boolean {
  if (el instanceof HTMLSelectElement) return Array.from(el.options).some((o) => o.selected !== o.defaultSelected);
  if (el.type === 'checkbox') return el.checked !== el.defaultChecked;
  return el.value !== el.defaultValue;
}

/** The JSON body of a form: see `FieldType` in ../ui.tsx for `data-type`. */
export function formBody(form: HTMLFormElement, forPreview = false): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const lists = new Map<string, string[]>();
  const changedOnly = form.dataset.changedOnly !== undefined;
  for (const el of Array.from(form.elements) as HTMLInputElement[]) {
    if (!el.name || el.disabled) continue;
    // Settings forms send only what was changed: an untouched setting keeps following the configuration.
    if (changedOnly && !changed(el)) continue;
    if ((el.dataset.previewOnly && !forPreview) || el.dataset.urlParam) continue;
    const type = el.dataset.type;
    if (el.type === 'checkbox' && type === 'list') {
      const list = lists.get(el.name) ?? [];
      if (el.checked) list.push(el.value);
      lists.set(el.name, list);
      continue;
    }
    if (el.type === 'checkbox') {
      put(body, el.name, el.checked);
      continue;
    }
    const raw = el.value.trim();
    if (type === 'optional' && raw === '') continue;
    if (type === 'nullable' && raw === '') put(body, el.name, null);
    else if (type === 'number') put(body, el.name, raw === '' ? null : Number(raw));
    else if (type === 'list') put(body, el.name, raw.split(/[,，、\n]+/).map((s) => s.trim()).filter(Boolean));
    else put(body, el.name, el.type === 'password' ? el.value : raw);
  }
  for (const [name, list] of lists) put(body, name, list);
  return body;
}

/** The form's API URL with `{name}` filled from its `data-url-param` fields. */
function apiUrl(form: HTMLFormElement): string {
  return form.dataset.api!.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(form.querySelector<HTMLInputElement>(`[data-url-param="${name}"]`)?.value ?? ''));
}

// Forms: submit as JSON; field messages under their inputs; reload or show a secret once.
document.addEventListener('submit', async (ev) => {
  const form = (ev.target as HTMLElement).closest<HTMLFormElement>('form.api-form');
  if (!form) return;
  ev.preventDefault();
  const submit = form.querySelector<HTMLButtonElement>('button[type=submit]');
  if (submit) submit.disabled = true;
  clearErrors(form);
  try {
    const answer = await api<Record<string, unknown>>(apiUrl(form), { method: form.dataset.method as 'POST', body: formBody(form) });
    const key = form.dataset.secret;
    if (key && typeof answer[key] === 'string') {
      const box = form.querySelector<HTMLElement>('.secret-box')!;
      box.querySelector('.secret-value')!.textContent = answer[key] as string;
      box.hidden = false;
      box.tabIndex = -1;
      box.focus();
      toast(form.dataset.flash ?? '');
      return;
    }
    reloadWith(form.dataset.flash ?? '');
  } catch (err) {
    showErrors(form, err);
  } finally {
    if (submit) submit.disabled = false;
  }
});

// Action buttons: their calls in order (a swap is two), then reload.
document.addEventListener('click', async (ev) => {
  const button = (ev.target as HTMLElement).closest<HTMLButtonElement>('button[data-calls]');
  if (!button || ev.defaultPrevented) return;
  const calls = JSON.parse(button.dataset.calls ?? '[]') as Array<{ url: string; method: 'POST'; body?: unknown }>;
  if (calls.length === 0) return;
  button.disabled = true;
  try {
    for (const c of calls) await api(c.url, { method: c.method, ...(c.body !== undefined ? { body: c.body } : {}) });
    reloadWith(button.dataset.flash ?? '');
  } catch (err) {
    button.disabled = false;
    const e = err instanceof ApiError ? err : undefined;
    const box = button.closest('form')?.querySelector<HTMLElement>('.form-error') ?? null;
    const text = msg('error.generic', { message: e?.message ?? String(err) });
    if (box) box.textContent = text;
    else toast(text);
  }
});

// Media usage: which articles show an image, asked on demand (the lookup scans article text).
document.addEventListener('click', async (ev) => {
  const button = (ev.target as HTMLElement).closest<HTMLButtonElement>('button[data-usage]');
  if (!button) return;
  const out = document.getElementById(button.getAttribute('aria-controls') ?? '');
  if (!out) return;
  try {
    const { usage } = await api<{ usage: { articles: number[] } }>(`/api/v1/admin/media/${button.dataset.usage}/usage`);
    out.textContent = '';
    if (usage.articles.length === 0) {
      out.textContent = msg('media.usageNone');
      return;
    }
    out.append(msg('media.usageSome'));
    for (const id of usage.articles) {
      const a = document.createElement('a');
      a.href = `/admin/articles/${id}`;
      a.textContent = ` #${id}`;
      out.append(a);
    }
  } catch (err) {
    out.textContent = msg('error.generic', { message: (err as Error).message });
  }
});

// The dictionary preview: the sample text in every variant, with the term being edited.
const preview = document.getElementById('preview-text') as HTMLTextAreaElement | null;
if (preview) {
  let timer: number | undefined;
  let editing: HTMLFormElement | null = null;
  const run = async () => {
    const body: Record<string, unknown> = { text: preview.value };
    if (editing) {
      const term = formBody(editing, true);
      const replaces = term.replaces;
      delete term.replaces;
      body.term = term;
      if (typeof replaces === 'number') body.replaces = replaces;
    }
    try {
      const { preview: out } = await api<{ preview: Record<string, string> }>('/api/v1/admin/dictionary/preview', { method: 'POST', body });
      for (const dd of Array.from(document.querySelectorAll<HTMLElement>('#preview-out [data-variant]'))) dd.textContent = out[dd.dataset.variant!] ?? '';
    } catch {
      // The preview is a help, not a task: a failed one keeps the last result.
    }
  };
  const later = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(run, 200);
  };
  preview.addEventListener('input', later);
  document.addEventListener('input', (ev) => {
    const form = (ev.target as HTMLElement).closest<HTMLFormElement>('form.term-form');
    if (!form) return;
    editing = form;
    later();
  });
  void run();
}

setUpMediaUploads();
