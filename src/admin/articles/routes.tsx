import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { adminArticleJson } from '../../api/admin-json.js';
import { requireActor } from '../../auth/http.js';
import type { AdminArticle } from '../../content/article.admin.js';
import { ARTICLE_STATUSES } from '../../content/article.fields.js';
import { mayEdit, WORKFLOW, WORKFLOW_ACTIONS } from '../../content/workflow.js';
import { AppError, isAppError, parseOrThrow } from '../../errors/index.js';
import { htmlToText } from '../../guard/sanitize.js';
import { renderArticle } from '../../render/index.js';
import { SitePages } from '../../site/site-pages.js';
import { VARIANTS, type Variant } from '../../zh/variants.js';
import type { AdminDeps } from '../deps.js';
import { renderAdminPage } from '../layout.js';
import { t } from '../messages.js';
import { requireAdminPage, sendAdminPage, type AdminPageContext } from '../session.js';
import { EditorPage, type EditorArticle } from './editor-page.js';
import { ArticleList, loadArticleList } from './list.js';
import { articleMessages as m } from './messages.js';

const idParam = z.object({ id: z.string().regex(/^[1-9]\d{0,9}$/).transform(Number) });
const keywordsBody = z.object({ text: z.string().max(200_000, 'at most 200000 characters'), top: z.number().int().min(1).max(30).default(12) });

/** The editor's starting point: the admin JSON of a stored article, or a blank draft. */
function editorArticle(a: AdminArticle | null, siteUrl: string, defaultSection: string, coverId: number | null): EditorArticle {
  if (!a) {
    return {
      id: null, version: 0, status: 'draft', title: '', subtitle: '', summary: '', bodyHtml: '', slug: '', section: defaultSection, tags: [], authors: [],
      source: { name: '', url: '' }, lang: 'zh-Hant', flags: { headline: false, featured: false, slideshow: false }, publishedAt: null, publishAt: null,
      reviewNote: '', cover: null, url: null, integrity: null, seoTitle: '', seoDescription: '', seoCanonicalUrl: '',
    };
  }
  const j = adminArticleJson(a, siteUrl);
  const v = a.article;
  return {
    id: v.id, version: v.version, status: v.status, title: v.title, subtitle: v.subtitle, summary: v.summary, bodyHtml: v.bodyHtml, slug: v.slug, section: v.section.slug,
    tags: v.tags.map((x) => x.name), authors: v.authors.map((x) => x.slug), source: v.source, lang: v.lang, flags: v.flags, publishedAt: v.publishedAt,
    publishAt: a.publishAt, reviewNote: a.reviewNote, url: j.url,
    cover: v.cover && coverId !== null ? { mediaId: coverId, url: v.cover.url, caption: v.cover.caption, credit: v.cover.credit } : null,
    integrity: a.integrity ?? null,
    seoTitle: j.seoTitle, seoDescription: j.seoDescription, seoCanonicalUrl: j.seoCanonicalUrl,
  };
}

/**
 * The article screens: the list (`/admin/articles`), the editor (`/new`, `/:id`), a draft's
 * preview in each script variant (`/:id/preview?variant=`), and the keyword suggestions the
 * editor asks for (`POST /admin/articles/keywords`, a JSON call with the CSRF header).
 */
export async function articlePageRoutes(app: FastifyInstance, d: AdminDeps): Promise<void> {
  const c = d.container;
  const editorMessages = (page: AdminPageContext) => m.all(page.lang);

  app.get('/articles', async (req, reply) => {
    const page = await requireAdminPage(req, reply, 'article.create');
    if (!page) return reply;
    const model = await loadArticleList(page, req.query as Record<string, unknown>);
    const title = m(page.lang, 'list.title');
    return sendAdminPage(reply, renderAdminPage({ page, title, active: 'articles', body: <ArticleList page={page} model={model} />, scripts: ['list'], messages: editorMessages(page) }));
  });

  const editor = async (page: AdminPageContext, a: AdminArticle | null): Promise<string> => {
    const sections = await c.sections.index();
    // The view carries the cover's URL; the stored snapshot of this version knows its media id.
    const snapshot = a ? await c.newsroom.revisions.get(a.article.id, a.article.version).catch(() => undefined) : undefined;
    const article = editorArticle(a, c.config.siteUrl, sections.tree[0]?.slug ?? '', snapshot?.snapshot.cover?.mediaId ?? null);
    const title = a ? m(page.lang, 'editor.edit') : m(page.lang, 'editor.new');
    // The moves this member may make on this article, with the statuses each starts from; the
    // workflow API checks again. Only whether the member is an owner matters to the rules.
    const mine = !a || a.createdBy === page.actor.userId || a.article.authors.some((x) => x.slug === page.user.slug);
    const owners = mine ? [page.actor.userId] : [];
    const moves = Object.fromEntries(WORKFLOW_ACTIONS.filter((act) => WORKFLOW[act].allowed(page.actor, owners)).map((act) => [act, WORKFLOW[act].from]));
    return renderAdminPage({
      page,
      title,
      active: a ? 'articles' : 'new',
      body: <EditorPage page={page} a={article} sections={sections} />,
      scripts: ['editor'],
      data: { article, moves, editable: ARTICLE_STATUSES.filter((st) => mayEdit(page.actor, st, owners)), maxUploadMb: c.config.maxUploadMb },
      messages: editorMessages(page),
    });
  };

  app.get('/articles/new', async (req, reply) => {
    const page = await requireAdminPage(req, reply, 'article.create');
    if (!page) return reply;
    return sendAdminPage(reply, await editor(page, null));
  });

  app.get('/articles/:id', async (req, reply) => {
    const page = await requireAdminPage(req, reply, 'article.create');
    if (!page) return reply;
    const { id } = parseOrThrow(idParam, req.params);
    try {
      await c.newsroom.admin.access(id, page.actor, 'read');
    } catch (err) {
      if (!isAppError(err)) throw err;
      const key = err.status === 404 ? 'notFound' : 'forbidden';
      const body = <p>{t(page.lang, `${key}.body`)}</p>;
      return sendAdminPage(reply.code(err.status), renderAdminPage({ page, title: t(page.lang, `${key}.title`), active: 'articles', body }));
    }
    return sendAdminPage(reply, await editor(page, await c.newsroom.admin.get(id)));
  });

  // The public article template over the stored draft, in the chosen variant. The site's page
  // builders read published articles only, so they get a reader that returns any status.
  const preview = new SitePages({
    ...c.site,
    reader: Object.assign(Object.create(c.site.reader) as typeof c.site.reader, { published: (id: number) => c.site.reader.any(id) }),
    config: c.config,
    stylesheet: '/assets/site.css',
    dictionary: c.dictionary,
  });
  app.get<{ Querystring: { variant?: string } }>('/articles/:id/preview', async (req, reply) => {
    const page = await requireAdminPage(req, reply, 'article.create');
    if (!page) return reply;
    const { id } = parseOrThrow(idParam, req.params);
    await c.newsroom.admin.access(id, page.actor, 'read');
    const variant = (VARIANTS as readonly string[]).includes(req.query.variant ?? '') ? (req.query.variant as Variant) : c.config.defaultVariant;
    const model = await preview.article({ variant, prefixed: true }, id);
    return reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-store').header('X-Robots-Tag', 'noindex').send(renderArticle(model));
  });

  app.post('/articles/keywords', async (req) => {
    await requireActor(c.auth.http.authenticate, req, 'article.create');
    const body = parseOrThrow(keywordsBody, req.body ?? {});
    const text = htmlToText(body.text);
    if (!text.trim()) return { keywords: [] };
    const found = await c.search.keywords.extract(text, body.top);
    return { keywords: found.map((k) => k.word) };
  });

  // An unknown article path under /admin/articles is a plain 404, not the public site's.
  app.get('/articles/*', async (req) => {
    throw new AppError('JD_ERR_HTTP_NOT_FOUND', { path: req.url.split('?')[0] });
  });
}
