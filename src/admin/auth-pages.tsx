import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sameSecret } from '../auth/secrets.js';
import { isAppError } from '../errors/index.js';
import type { AdminDeps } from './deps.js';
import { renderAdminPage, renderBarePage } from './layout.js';
import { ADMIN_LANGS, t, type AdminLang } from './messages.js';
import { langOf, LANG_COOKIE, nonceOf, requireAdminPage, safeNext, sendAdminPage } from './session.js';

type LoginForm = { email?: string; password?: string; totp?: string; next?: string };

// Which message a failed sign-in shows; anything else is a fault and goes to the error handler.
const LOGIN_ERRORS = {
  JD_ERR_AUTH_INVALID_CREDENTIALS: 'login.failed',
  JD_ERR_VALIDATION: 'login.failed',
  JD_ERR_AUTH_TOTP_REQUIRED: 'login.totpRequired',
  JD_ERR_AUTH_TOTP_INVALID: 'login.totpInvalid',
  JD_ERR_AUTH_ACCOUNT_DISABLED: 'login.disabled',
  JD_ERR_AUTH_RATE_LIMITED: 'login.rateLimited',
} as const;

function LoginFormView(p: { lang: AdminLang; next: string; email?: string; password?: string; totpStep?: boolean; error?: string; notice?: string }) {
  const { lang } = p;
  return (
    <form method="post" action="/admin/login" class="login" id="login-form" novalidate>
      {p.notice && <p class="notice ok" role="status">{p.notice}</p>}
      {p.error && (
        <p class="notice error" role="alert" id="login-error">
          {p.error}
        </p>
      )}
      <input type="hidden" name="next" value={p.next} />
      <label for="email">{t(lang, 'login.email')}</label>
      <input id="email" name="email" type="email" autocomplete="username" required value={p.email ?? ''} autofocus={!p.totpStep} />
      <label for="password">{t(lang, 'login.password')}</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required value={p.totpStep ? (p.password ?? '') : ''} />
      {p.totpStep && (
        <div class="field">
          <label for="totp">{t(lang, 'login.totp')}</label>
          <input id="totp" name="totp" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength={6} required autofocus aria-describedby="totp-hint" />
          <p class="hint" id="totp-hint">
            {t(lang, 'login.totpHint')}
          </p>
        </div>
      )}
      <div class="actions">
        <button type="submit" class="primary">
          {p.totpStep ? t(lang, 'login.continue') : t(lang, 'login.submit')}
        </button>
      </div>
    </form>
  );
}

/** The admin page a Referer names (back there after switching language), else the start page. */
function backTo(referer: string | undefined): string {
  if (!referer) return '/admin/';
  try {
    const u = new URL(referer);
    return safeNext(u.pathname + u.search);
  } catch {
    return '/admin/';
  }
}

function loginPage(req: FastifyRequest, reply: FastifyReply, props: Omit<Parameters<typeof LoginFormView>[0], 'lang'>, status = 200): FastifyReply {
  const lang = langOf(req);
  const html = renderBarePage({ lang, title: t(lang, 'login.title'), nonce: nonceOf(req), body: <LoginFormView lang={lang} {...props} /> });
  return sendAdminPage(reply.code(status), html);
}

/**
 * Sign-in, sign-out, the language switch and the member's own profile. Sign-in is a plain
 * form post (it works without scripts); the two-factor step is the same form again with the
 * code field added, so nothing the member typed is lost.
 */
export async function authPageRoutes(app: FastifyInstance, d: AdminDeps): Promise<void> {
  const c = d.container;
  app.get<{ Querystring: { next?: string; out?: string } }>('/login', async (req, reply) => {
    const ctx = await c.auth.http.context(req);
    if (ctx?.session) return reply.redirect(safeNext(req.query.next), 303);
    return loginPage(req, reply, { next: safeNext(req.query.next), notice: req.query.out ? t(langOf(req), 'login.signedOut') : undefined });
  });

  app.post<{ Body: LoginForm }>('/login', async (req, reply) => {
    const body = (req.body ?? {}) as LoginForm;
    const next = safeNext(body.next);
    const input = { email: String(body.email ?? ''), password: String(body.password ?? ''), ...(body.totp ? { totp: String(body.totp) } : {}) };
    try {
      const { session } = await c.auth.login.login(input, { ip: req.ip, userAgent: String(req.headers['user-agent'] ?? ''), previousToken: c.auth.http.sessionToken(req) });
      c.auth.http.markAudited(req);
      c.auth.http.setSessionCookie(req, reply, session.token, session.expiresAt);
      return reply.header('Cache-Control', 'no-store').redirect(next, 303);
    } catch (err) {
      const key = isAppError(err) ? LOGIN_ERRORS[err.code as keyof typeof LOGIN_ERRORS] : undefined;
      if (!key || !isAppError(err)) throw err;
      c.auth.http.markAudited(req);
      const totpStep = err.code === 'JD_ERR_AUTH_TOTP_REQUIRED' || err.code === 'JD_ERR_AUTH_TOTP_INVALID';
      return loginPage(req, reply, { next, email: input.email, password: input.password, totpStep, error: t(langOf(req), key) }, err.status);
    }
  });

  app.post<{ Body: { csrf?: string } }>('/logout', async (req, reply) => {
    const token = c.auth.http.sessionToken(req);
    // The form sends the CSRF token as a field, not the header the API checks: look the
    // session up directly and compare the field with it.
    const session = token ? await c.auth.sessions.resolve(token) : undefined;
    const sent = String((req.body as { csrf?: string } | undefined)?.csrf ?? '');
    // A forged sign-out (no token from the page) is ignored rather than obeyed.
    if (token && session && sameSecret(sent, session.csrfToken)) {
      c.auth.http.markAudited(req);
      await c.auth.login.logout(token, { userId: session.userId, role: session.role }, req.ip);
      c.auth.http.clearSessionCookie(req, reply);
      return reply.redirect('/admin/login?out=1', 303);
    }
    return reply.redirect(session ? '/admin/' : '/admin/login', 303);
  });

  app.get<{ Querystring: { to?: string } }>('/lang', async (req, reply) => {
    const to = (ADMIN_LANGS as readonly string[]).includes(req.query.to ?? '') ? req.query.to! : 'zh-Hant';
    reply.setCookie(LANG_COOKIE, to, { path: '/admin', sameSite: 'lax', maxAge: 365 * 86_400 });
    return reply.redirect(backTo(req.headers.referer), 303);
  });

  app.get('/profile', async (req, reply) => {
    const page = await requireAdminPage(req, reply);
    if (!page) return reply;
    const { ProfileView } = await import('./profile-view.js');
    return sendAdminPage(reply, renderAdminPage({ page, title: t(page.lang, 'profile.title'), active: 'profile', body: <ProfileView page={page} />, scripts: ['profile'] }));
  });

  // Starting two-factor is a form post answered with the profile page showing the QR code and
  // the secret (never a redirect: the secret must not land in a URL or the history).
  app.post<{ Body: { csrf?: string } }>('/profile/2fa', async (req, reply) => {
    // The form carries the CSRF token as a field; the session check below compares it as it
    // compares the API's header, so a forged post is a 403.
    const sent = (req.body as { csrf?: unknown } | undefined)?.csrf;
    if (typeof sent === 'string') req.headers['x-csrf-token'] = sent;
    const page = await requireAdminPage(req, reply);
    if (!page) return reply;
    c.auth.http.markAudited(req);
    const { secret, uri } = await c.auth.account.enrolTotp(page.actor.userId);
    const [{ ProfileView }, { totpQrSvg }] = await Promise.all([import('./profile-view.js'), import('./totp-qr.js')]);
    const enrolment = { secret, uri, qrSvg: totpQrSvg(uri, t(page.lang, 'profile.qr')) };
    return sendAdminPage(reply, renderAdminPage({ page, title: t(page.lang, 'profile.title'), active: 'profile', body: <ProfileView page={page} enrolment={enrolment} />, scripts: ['profile'] }));
  });
}
