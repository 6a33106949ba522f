import type { FastifyInstance } from 'fastify';
import { Subscriptions } from '../../ingest/subscriptions.js';
import { importerOf } from '../../ingest/wiring.js';
import type { AdminDeps } from '../deps.js';
import { renderAdminPage } from '../layout.js';
import { requireAdminPage, sendAdminPage } from '../session.js';
import { it } from './messages.js';
import { ImportsPage } from './page.js';

/**
 * The import screen, `/admin/imports` (editors and admins: `article.edit.any`, as the import
 * API). The form posts to `POST /api/v1/admin/imports` from `client/imports.entry.ts` (a file
 * is sent base64) and shows the report; subscriptions are listed.
 */
export async function importRoutes(app: FastifyInstance, _opts: AdminDeps): Promise<void> {
  app.get('/imports', async (req, reply) => {
    const page = await requireAdminPage(req, reply, 'article.edit.any');
    if (!page) return reply;
    const c = page.deps.container;
    const [index, subscriptions] = await Promise.all([c.site.sectionService.index(), new Subscriptions({ db: c.db.kysely, importer: importerOf(c), now: () => new Date() }).list()]);
    return sendAdminPage(
      reply,
      renderAdminPage({
        page,
        title: it(page.lang, 'imports.title'),
        active: 'imports',
        body: ImportsPage({ lang: page.lang, sections: index.tree, subscriptions }),
        scripts: ['imports'],
        messages: it.all(page.lang),
      }),
    );
  });
}
