import type { ComponentChildren } from 'preact';
import { render } from 'preact-render-to-string';
import { can, type Permission } from '../auth/permissions.js';
import { adminAssetUrl } from './assets.js';
import { t, type AdminLang } from './messages.js';
import type { AdminPageContext } from './session.js';

/** One entry of the newsroom navigation. */
export interface AdminNavItem {
  /** What `active` names to highlight it. */
  readonly id: string;
  readonly href: string;
  readonly label: Parameters<typeof t>[1];
  /** The right a member needs to see the entry (the screen itself checks it again). */
  readonly permission?: Permission;
}

/** The navigation, in order; entries the member's role lacks the right for are left out. */
export const ADMIN_NAV: readonly AdminNavItem[] = [
  { id: 'articles', href: '/admin/articles', label: 'nav.articles', permission: 'article.create' },
  { id: 'new', href: '/admin/articles/new', label: 'nav.new', permission: 'article.create' },
  { id: 'media', href: '/admin/media', label: 'nav.media', permission: 'media.upload' },
  { id: 'sections', href: '/admin/sections', label: 'nav.sections', permission: 'section.manage' },
  { id: 'tags', href: '/admin/tags', label: 'nav.tags', permission: 'tag.manage' },
  { id: 'users', href: '/admin/users', label: 'nav.users', permission: 'user.manage' },
  { id: 'tokens', href: '/admin/tokens', label: 'nav.tokens', permission: 'token.manage' },
  { id: 'webhooks', href: '/admin/webhooks', label: 'nav.webhooks', permission: 'webhook.manage' },
  // The import screen and API are for editors and admins (src/admin/imports).
  { id: 'imports', href: '/admin/imports', label: 'nav.imports', permission: 'article.edit.any' },
  { id: 'settings', href: '/admin/settings', label: 'nav.settings', permission: 'settings.manage' },
  { id: 'audit', href: '/admin/audit', label: 'nav.audit', permission: 'audit.read' },
  { id: 'profile', href: '/admin/profile', label: 'nav.profile' },
];

/** What {@link renderAdminPage} needs. */
export interface AdminPageProps {
  readonly page: AdminPageContext;
  /** Page title (also the `<h1>` unless `heading` is false). */
  readonly title: string;
  /** `id` of the navigation entry to mark as current. */
  readonly active?: string;
  readonly body: ComponentChildren;
  /** Client bundles to load, by entry name (`editor` → `/admin/assets/editor.js`). */
  readonly scripts?: readonly string[];
  /**
   * Data for the page's scripts, as JSON in `<script type="application/json" id="page-data">`
   * (read with `pageData()` from client/api.ts). It always carries the member's `email` and
   * `messages`: the core strings plus `messages` below, in the member's language.
   */
  readonly data?: Readonly<Record<string, unknown>>;
  /** Extra strings for the page's scripts (`msg(key)` in client/api.ts), already translated. */
  readonly messages?: Readonly<Record<string, string>>;
  /** Set false when the body brings its own `<h1>`. */
  readonly heading?: boolean;
}

/**
 * The shell every admin screen uses: head (CSRF meta, stylesheet), skip link, header with the
 * role-filtered navigation, language switch and sign-out, then `<main>` with the page.
 * Scripts are external files with this response's nonce; the page never runs inline code.
 *
 * @example
 * sendAdminPage(reply, renderAdminPage({ page, title: '欄目', active: 'sections', body: <SectionsTable … />, scripts: ['sections'] }));
 */
export function renderAdminPage(p: AdminPageProps): string {
  const { page } = p;
  const nav = ADMIN_NAV.filter((n) => !n.permission || can(page.actor, n.permission));
  return documentOf(
    page.lang,
    p.title,
    <body class="admin">
      <a class="skip" href="#main">{t(page.lang, 'nav.skip')}</a>
      <header class="admin-header">
        <a class="brand" href="/admin/articles">{t(page.lang, 'app.name')}</a>
        <nav aria-label={t(page.lang, 'nav.label')}>
          <ul>
            {nav.map((n) => (
              <li key={n.id}>
                <a href={n.href} aria-current={n.id === p.active ? 'page' : undefined}>
                  {t(page.lang, n.label)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="who">
          <span>{t(page.lang, 'signedInAs', { name: page.user.name, role: t(page.lang, `role.${page.actor.role}`) })}</span>
          <LangSwitch lang={page.lang} />
          <a href="/" class="site-link">{t(page.lang, 'nav.site')}</a>
          <form method="post" action="/admin/logout" class="inline">
            <input type="hidden" name="csrf" value={page.csrfToken} />
            <button type="submit" class="link">{t(page.lang, 'nav.signOut')}</button>
          </form>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {p.heading !== false && <h1>{p.title}</h1>}
        {p.body}
      </main>
      <div id="toast" role="status" aria-live="polite"></div>
      <script type="application/json" id="page-data" dangerouslySetInnerHTML={{ __html: jsonForScript({ ...p.data, email: page.user.email, messages: { ...t.all(page.lang), ...p.messages } }) }} />
      <script type="module" src={adminAssetUrl('common')} nonce={page.nonce}></script>
      {(p.scripts ?? []).map((s) => (
        <script key={s} type="module" src={adminAssetUrl(s)} nonce={page.nonce}></script>
      ))}
    </body>,
    page.csrfToken,
  );
}

/** A page for visitors who are not signed in (sign-in): the same head, no navigation. */
export function renderBarePage(p: { lang: AdminLang; title: string; nonce: string; body: ComponentChildren; scripts?: readonly string[] }): string {
  return documentOf(
    p.lang,
    p.title,
    <body class="admin bare">
      <main id="main" class="bare-main">
        <p class="brand">{t(p.lang, 'app.name')}</p>
        <h1>{p.title}</h1>
        {p.body}
        <LangSwitch lang={p.lang} />
      </main>
      {(p.scripts ?? []).map((s) => (
        <script key={s} type="module" src={adminAssetUrl(s)} nonce={p.nonce}></script>
      ))}
    </body>,
  );
}

/** The 403 page of a screen the member's role may not use. */
export function renderForbidden(page: AdminPageContext): string {
  return renderAdminPage({ page, title: t(page.lang, 'forbidden.title'), body: <p>{t(page.lang, 'forbidden.body')}</p> });
}

function LangSwitch({ lang }: { lang: AdminLang }) {
  const other: AdminLang = lang === 'zh-Hant' ? 'zh-Hans' : 'zh-Hant';
  return (
    <a class="lang" href={`/admin/lang?to=${other}`} lang={other} aria-label={`${t(lang, 'lang.label')}: ${t(other, `lang.${other}`)}`}>
      {t(other, `lang.${other}`)}
    </a>
  );
}

function documentOf(lang: AdminLang, title: string, body: ComponentChildren, csrfToken?: string): string {
  return (
    '<!doctype html>' +
    render(
      <html lang={lang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="robots" content="noindex, nofollow" />
          {csrfToken && <meta name="csrf-token" content={csrfToken} />}
          <title>{`${title} - ${t(lang, 'app.name')}`}</title>
          {/* No icon file: without this line every page asks for /favicon.ico and logs a 404. */}
          <link rel="icon" href="data:," />
          <link rel="stylesheet" href={adminAssetUrl('admin.css')} />
        </head>
        {body}
      </html>,
    )
  );
}

/** JSON that cannot close the `<script>` element it sits in. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
