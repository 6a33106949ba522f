import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AccountService } from '../auth/account.service.js';
import type { AuthContext, AuthHttp } from '../auth/http.js';
import type { LoginService } from '../auth/login.service.js';
import type { SessionService } from '../auth/session.service.js';
import type { UserService } from '../auth/user.service.js';
import { AppError } from '../errors/index.js';
import { defineEndpoint, type Endpoint } from './endpoint.js';

/** What the sign-in routes and members' own endpoints need. */
export interface AuthApiDeps {
  readonly login: LoginService;
  readonly account: AccountService;
  readonly sessions: SessionService;
  readonly users: UserService;
  readonly http: AuthHttp;
}

const noBody = z.object({}).strict().optional();

/**
 * `POST /api/v1/auth/login` and `POST /api/v1/auth/logout`. They are plain Fastify routes, not
 * pipeline endpoints, because they set and clear the session cookie (the pipeline's handlers
 * never see the reply); validation and errors still go the shared way (zod in the service,
 * AppError, the one error handler).
 *
 * Login answers `{user, csrfToken, expiresAt}` and sets the session cookie; the CSRF token goes
 * into the `X-CSRF-Token` header of every later cookie-authenticated write. Logout needs that
 * header too (a forged logout is a nuisance, not harmless) and answers 204.
 */
export async function authRoutes(app: FastifyInstance, d: AuthApiDeps): Promise<void> {
  app.post('/api/v1/auth/login', async (req, reply) => {
    const { user, session } = await d.login.login(req.body ?? {}, { ip: req.ip, userAgent: String(req.headers['user-agent'] ?? ''), previousToken: d.http.sessionToken(req) });
    d.http.markAudited(req);
    d.http.setSessionCookie(req, reply, session.token, session.expiresAt);
    return reply.header('Cache-Control', 'no-store').send({ user, csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() });
  });

  app.post('/api/v1/auth/logout', async (req, reply) => {
    const token = d.http.sessionToken(req);
    const ctx = await d.http.context(req);
    d.http.markAudited(req);
    if (token && ctx?.session) await d.login.logout(token, ctx.actor, req.ip);
    d.http.clearSessionCookie(req, reply);
    return reply.header('Cache-Control', 'no-store').code(204).send();
  });
}

/**
 * Members' own account, for any signed-in member: `GET/PATCH /api/v1/auth/me`, `POST
 * /api/v1/auth/password`, their sessions (list; end the others), and two-factor (`/api/v1/auth/2fa/enrol|confirm|
 * disable`). The matrix has no right for "is signed in", so these are declared `public` and
 * each handler demands a member itself (401 otherwise); password and two-factor changes need a
 * browser session, not an API token: a leaked integration token must not take over an account.
 */
export function authEndpoints(d: AuthApiDeps): Endpoint[] {
  const member = async (req: FastifyRequest): Promise<AuthContext> => {
    const ctx = await d.http.context(req);
    if (!ctx) throw new AppError('JD_ERR_AUTH_REQUIRED');
    return ctx;
  };
  const browser = async (req: FastifyRequest): Promise<AuthContext & { session: NonNullable<AuthContext['session']> }> => {
    const ctx = await member(req);
    if (!ctx.session) throw new AppError('JD_ERR_AUTH_FORBIDDEN', { action: 'change sign-in settings with an API token; sign in instead' });
    return { ...ctx, session: ctx.session };
  };
  return [
    defineEndpoint({
      method: 'GET',
      url: '/api/v1/auth/me',
      summary: 'Who is signed in, and the CSRF token of this session',
      permissions: 'public',
      cache: { maxAge: 0 },
      handler: async ({ req }) => {
        const ctx = await member(req);
        const user = ctx.actor.userId > 0 ? await d.users.get(ctx.actor.userId) : null;
        return {
          user,
          role: ctx.actor.role,
          via: ctx.actor.via,
          ...(ctx.session ? { csrfToken: ctx.session.csrfToken, expiresAt: ctx.session.expiresAt } : {}),
          ...(ctx.actor.tokenId !== undefined ? { tokenId: ctx.actor.tokenId } : {}),
        };
      },
    }),
    defineEndpoint({
      method: 'PATCH',
      url: '/api/v1/auth/me',
      summary: 'Change your own name or bio',
      permissions: 'public',
      cache: { maxAge: 0 },
      body: z.unknown(),
      handler: async ({ req, body }) => {
        const ctx = await member(req);
        if (ctx.actor.userId <= 0) throw new AppError('JD_ERR_AUTH_FORBIDDEN', { action: 'edit a profile with a token that belongs to no member' });
        return { user: await d.account.updateProfile(ctx.actor.userId, body) };
      },
    }),
    defineEndpoint({
      method: 'POST',
      url: '/api/v1/auth/password',
      summary: 'Change your own password (ends your other sessions)',
      permissions: 'public',
      cache: { maxAge: 0 },
      body: z.unknown(),
      handler: async ({ req, body }) => {
        const ctx = await browser(req);
        await d.account.changePassword(ctx.actor.userId, body, { ip: req.ip, keepSessionId: ctx.session.sessionId });
        return { ok: true };
      },
    }),
    defineEndpoint({
      method: 'GET',
      url: '/api/v1/auth/sessions',
      summary: 'Your signed-in sessions',
      permissions: 'public',
      cache: { maxAge: 0 },
      handler: async ({ req }) => {
        const ctx = await browser(req);
        const sessions = await d.sessions.list(ctx.actor.userId);
        return { sessions: sessions.map((s) => ({ ...s, current: s.id === ctx.session.sessionId })) };
      },
    }),
    defineEndpoint({
      method: 'DELETE',
      url: '/api/v1/auth/sessions',
      summary: 'Sign out everywhere else (ends your other sessions)',
      permissions: 'public',
      cache: { maxAge: 0 },
      handler: async ({ req }) => {
        const ctx = await browser(req);
        return { revoked: await d.sessions.revokeForUser(ctx.actor.userId, ctx.session.sessionId) };
      },
    }),
    defineEndpoint({
      method: 'POST',
      url: '/api/v1/auth/2fa/enrol',
      summary: 'Start two-factor enrolment: the secret and otpauth:// URI, shown once',
      permissions: 'public',
      cache: { maxAge: 0 },
      body: noBody,
      handler: async ({ req }) => d.account.enrolTotp((await browser(req)).actor.userId),
    }),
    defineEndpoint({
      method: 'POST',
      url: '/api/v1/auth/2fa/confirm',
      summary: 'Turn two-factor on with the first code',
      permissions: 'public',
      cache: { maxAge: 0 },
      body: z.unknown(),
      handler: async ({ req, body }) => ({ user: await d.account.confirmTotp((await browser(req)).actor.userId, body) }),
    }),
    defineEndpoint({
      method: 'POST',
      url: '/api/v1/auth/2fa/disable',
      summary: 'Turn two-factor off (password and a current code)',
      permissions: 'public',
      cache: { maxAge: 0 },
      body: z.unknown(),
      handler: async ({ req, body }) => ({ user: await d.account.disableTotp((await browser(req)).actor.userId, body, req.ip) }),
    }),
  ];
}
