// The fetch helper every admin client script uses: JSON in and out, the session's CSRF token on
// writes, the API's error envelope turned into field messages, a sign-in-again dialog on 401
// that keeps the page as it is and retries, and a hook for 409 (edit conflicts).

/** An API error as the client sees it: status, code, message and per-field messages. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    /** The whole error body (a 409 carries the current item beside `error`). */
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Options of {@link api}. */
export interface ApiOptions {
  readonly method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** A JSON body, or FormData for uploads (sent as multipart). */
  readonly body?: unknown;
  /** Called on 409 instead of throwing; its result is returned. */
  readonly onConflict?: (err: ApiError) => unknown;
  readonly signal?: AbortSignal;
}

let csrf = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';
let signingIn: Promise<void> | undefined;

/** The page's messages (from `#page-data` → `messages`), falling back to the key. */
export function msg(key: string, vars?: Record<string, string | number>): string {
  const all = (pageData<{ messages?: Record<string, string> }>().messages ?? {}) as Record<string, string>;
  const text = all[key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : text;
}

/**
 * Fills a dialog built from markup: each element `selector` finds in `root` gets the UI string
 * `key` as its text (never as HTML).
 *
 * @example
 * labelAll(dialog, { '#media-title': 'media.title', 'label[for=media-alt]': 'media.alt' });
 */
export function labelAll(root: ParentNode, labels: Record<string, string>): void {
  for (const [selector, key] of Object.entries(labels)) root.querySelector(selector)!.textContent = msg(key);
}

let data: unknown;
/** The JSON the server put in `<script type="application/json" id="page-data">`. */
export function pageData<T>(): T {
  if (data === undefined) {
    const el = document.getElementById('page-data');
    data = el?.textContent ? JSON.parse(el.textContent) : {};
  }
  return data as T;
}

/**
 * Calls the admin API. Writes carry `X-CSRF-Token`. A 401 opens the sign-in dialog and, once
 * the member has signed in again, repeats the call: nothing on the page is lost. A 409 goes
 * to `onConflict` when given. Other errors throw {@link ApiError}.
 *
 * @example
 * const { article } = await api<{ article: Article }>(`/api/v1/admin/articles/${id}`, { method: 'PATCH', body: { version, title } });
 */
export async function api<T>(url: string, options: ApiOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  for (let attempt = 0; ; attempt++) {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (method !== 'GET') headers['x-csrf-token'] = csrf;
    let body: BodyInit | undefined;
    if (options.body instanceof FormData) body = options.body;
    else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    let res: Response;
    try {
      res = await fetch(url, { method, headers, body, credentials: 'same-origin', signal: options.signal });
    } catch (err) {
      if ((err as Error).name === 'AbortError') throw err;
      throw new ApiError(0, 'NETWORK', msg('error.network'));
    }
    if (res.status === 204) return undefined as T;
    const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (res.ok) return json as T;
    const e = (json.error ?? {}) as { code?: string; message?: string; fields?: Record<string, string> };
    const err = new ApiError(res.status, e.code ?? `HTTP_${res.status}`, e.message ?? res.statusText, e.fields ?? {}, json);
    // A lost session, or a CSRF token from before a sign-in elsewhere: sign in again, retry once more each time.
    if ((res.status === 401 || err.code === 'JD_ERR_AUTH_CSRF') && attempt < 3) {
      await signInAgain();
      continue;
    }
    if (res.status === 409 && options.onConflict) return options.onConflict(err) as T;
    throw err;
  }
}

/** Opens (once, however many calls wait) the sign-in dialog and resolves when signed in. */
export function signInAgain(): Promise<void> {
  signingIn ??= showSignIn().finally(() => (signingIn = undefined));
  return signingIn;
}

function showSignIn(): Promise<void> {
  return new Promise((resolve) => {
    const dialog = document.createElement('dialog');
    dialog.setAttribute('aria-labelledby', 'reauth-title');
    dialog.innerHTML = `<form method="dialog" novalidate>
      <h2 id="reauth-title"></h2><p class="notice" id="reauth-note"></p>
      <label for="reauth-email"></label><input id="reauth-email" type="email" autocomplete="username" required>
      <label for="reauth-password"></label><input id="reauth-password" type="password" autocomplete="current-password" required>
      <div id="reauth-totp-box" hidden><label for="reauth-totp"></label><input id="reauth-totp" inputmode="numeric" autocomplete="one-time-code" maxlength="6"></div>
      <p class="field-error" id="reauth-error" role="alert"></p>
      <div class="actions"><button class="primary" type="submit"></button></div></form>`;
    const q = <E extends HTMLElement>(sel: string) => dialog.querySelector<E>(sel)!;
    labelAll(dialog, {
      '#reauth-title': 'login.title',
      '#reauth-note': 'login.again',
      'label[for=reauth-email]': 'login.email',
      'label[for=reauth-password]': 'login.password',
      'label[for=reauth-totp]': 'login.totp',
      'button[type=submit]': 'login.submit',
    });
    q<HTMLInputElement>('#reauth-email').value = pageData<{ email?: string }>().email ?? '';
    // Escape must not leave the page with a dead session and no way back.
    dialog.addEventListener('cancel', (ev) => ev.preventDefault());
    q('form').addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const totp = q<HTMLInputElement>('#reauth-totp').value.trim();
      const res = await fetch('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify({ email: q<HTMLInputElement>('#reauth-email').value, password: q<HTMLInputElement>('#reauth-password').value, ...(totp ? { totp } : {}) }),
      }).catch(() => undefined);
      const json = ((await res?.json().catch(() => ({}))) ?? {}) as { csrfToken?: string; error?: { code?: string } };
      if (res?.ok && json.csrfToken) {
        csrf = json.csrfToken;
        document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.setAttribute('content', csrf);
        dialog.close();
        dialog.remove();
        resolve();
        return;
      }
      const code = json.error?.code ?? '';
      if (code === 'JD_ERR_AUTH_TOTP_REQUIRED' || code === 'JD_ERR_AUTH_TOTP_INVALID') {
        q('#reauth-totp-box').hidden = false;
        q<HTMLInputElement>('#reauth-totp').focus();
      }
      q('#reauth-error').textContent = res ? msg(LOGIN_ERRORS[code] ?? 'login.failed') : msg('error.network');
    });
    document.body.append(dialog);
    dialog.showModal();
    q<HTMLInputElement>(q<HTMLInputElement>('#reauth-email').value ? '#reauth-password' : '#reauth-email').focus();
  });
}

const LOGIN_ERRORS: Record<string, string> = {
  JD_ERR_AUTH_TOTP_REQUIRED: 'login.totpRequired',
  JD_ERR_AUTH_TOTP_INVALID: 'login.totpInvalid',
  JD_ERR_AUTH_ACCOUNT_DISABLED: 'login.disabled',
  JD_ERR_AUTH_RATE_LIMITED: 'login.rateLimited',
};

/**
 * Shows an API error on a form: each field message under its input (by `name`), with
 * `aria-invalid` and `aria-describedby`, the first bad field focused; other errors in `box`.
 */
export function showErrors(form: HTMLElement, err: unknown, box?: HTMLElement | null): void {
  clearErrors(form);
  const e = err instanceof ApiError ? err : new ApiError(0, 'CLIENT', String((err as Error)?.message ?? err));
  let first: HTMLElement | undefined;
  for (const [name, text] of Object.entries(e.fields)) {
    const input = form.querySelector<HTMLElement>(`[name="${CSS.escape(name.split('.')[0]!)}"]`);
    if (!input) continue;
    const p = document.createElement('p');
    p.className = 'field-error';
    p.dataset.for = name;
    p.id = `err-${name.replace(/\W/g, '-')}`;
    p.textContent = text;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', `${input.getAttribute('aria-describedby') ?? ''} ${p.id}`.trim());
    input.insertAdjacentElement('afterend', p);
    first ??= input;
  }
  const target = box ?? form.querySelector<HTMLElement>('.form-error');
  if (target) target.textContent = Object.keys(e.fields).length ? `${msg('error.fields')} ${e.message}` : msg('error.generic', { message: e.message });
  first?.focus();
}

/** Removes the messages {@link showErrors} put on a form. */
export function clearErrors(form: HTMLElement): void {
  form.querySelectorAll('.field-error[data-for]').forEach((el) => el.remove());
  form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
  const box = form.querySelector<HTMLElement>('.form-error');
  if (box) box.textContent = '';
}

/** A short message in the page's live region. */
export function toast(text: string): void {
  const el = document.getElementById('toast');
  if (!el) return;
  el.textContent = text;
  window.setTimeout(() => {
    if (el.textContent === text) el.textContent = '';
  }, 4000);
}

/** The values of a form's named fields as strings (checkboxes as booleans). */
export function formValues(form: HTMLFormElement): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const el of Array.from(form.elements) as HTMLInputElement[]) {
    if (!el.name) continue;
    out[el.name] = el.type === 'checkbox' ? el.checked : el.value;
  }
  return out;
}
