import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import type { Permission } from '../../auth/permissions.js';
import type { AdminDeps } from '../deps.js';
import { renderAdminPage } from '../layout.js';
import { requireAdminPage, sendAdminPage, type AdminPageContext } from '../session.js';
import { auditPage } from './audit-page.js';
import { mediaPage } from './media-page.js';
import { mt } from './messages.js';
import { sectionsPage } from './sections-page.js';
import { settingsPage } from './settings-page.js';
import { tagsPage } from './tags-page.js';
import { tokensPage } from './tokens-page.js';
import { usersPage } from './users-page.js';
import { webhookPage, webhooksPage } from './webhooks-page.js';

/** What a screen builds: its title key's text, body and the data its script reads. */
export interface ScreenOutput {
  readonly title: string;
  readonly body: ComponentChildren;
  readonly data?: Readonly<Record<string, unknown>>;
}

/** A screen: reads through the container's services and returns its body. */
export type Screen = (page: AdminPageContext, req: FastifyRequest) => Promise<ScreenOutput>;

// The screens' own stylesheet, versioned by content like the shell's.
const CSS = readFileSync(new URL('./manage.css', import.meta.url));
const CSS_URL = `/admin/assets/manage.css?v=${createHash('sha1').update(CSS).digest('hex').slice(0, 10)}`;

const SCREENS: ReadonlyArray<{ path: string; active: string; permission: Permission; screen: Screen }> = [
  { path: '/media', active: 'media', permission: 'media.upload', screen: mediaPage },
  { path: '/sections', active: 'sections', permission: 'section.manage', screen: sectionsPage },
  { path: '/tags', active: 'tags', permission: 'tag.manage', screen: tagsPage },
  { path: '/users', active: 'users', permission: 'user.manage', screen: usersPage },
  { path: '/tokens', active: 'tokens', permission: 'token.manage', screen: tokensPage },
  { path: '/webhooks', active: 'webhooks', permission: 'webhook.manage', screen: webhooksPage },
  { path: '/webhooks/:id', active: 'webhooks', permission: 'webhook.manage', screen: webhookPage },
  { path: '/settings', active: 'settings', permission: 'settings.manage', screen: settingsPage },
  { path: '/audit', active: 'audit', permission: 'audit.read', screen: auditPage },
];

/**
 * The management screens under `/admin`: media library, sections, tags, users, tokens,
 * webhooks, site settings and the audit log. Each is a server-rendered page in the shell's
 * layout, guarded by its right of the permission matrix (signed out → sign-in, no right →
 * 403); its actions go through the JSON admin API from `client/manage.entry.ts`.
 */
export async function manageRoutes(app: FastifyInstance, _opts: AdminDeps): Promise<void> {
  app.get('/assets/manage.css', async (_req, reply) => reply.type('text/css; charset=utf-8').header('Cache-Control', 'public, max-age=31536000, immutable').send(CSS));
  for (const s of SCREENS) {
    app.get(s.path, async (req: FastifyRequest, reply: FastifyReply) => {
      const page = await requireAdminPage(req, reply, s.permission);
      if (!page) return reply;
      const out = await s.screen(page, req);
      return sendAdminPage(reply, renderAdminPage({ page, title: out.title, active: s.active, body: (
            <>
              <link rel="stylesheet" href={CSS_URL} />
              {out.body}
            </>
          ),
          scripts: ['manage'], messages: mt.all(page.lang), ...(out.data ? { data: out.data } : {}) }));
    });
  }
}
