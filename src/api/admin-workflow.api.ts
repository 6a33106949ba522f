import { z } from 'zod';
import type { ArticleAdmin } from '../content/article.admin.js';
import type { RevisionService } from '../content/revision.service.js';
import { WORKFLOW, WORKFLOW_ACTIONS, type WorkflowAction } from '../content/workflow.js';
import type { MoveInput, WorkflowService } from '../content/workflow.service.js';
import { adminArticleJson, idParam, versionField, withCurrent } from './admin-json.js';
import { defineEndpoint, type Endpoint } from './endpoint.js';

/** What the workflow API needs. */
export interface AdminWorkflowApiDeps {
  readonly workflow: WorkflowService;
  readonly admin: ArticleAdmin;
  readonly revisions: RevisionService;
  readonly siteUrl: string;
}

const comment = z.string().trim().max(2000, 'at most 2000 characters');
// Publishing a body the integrity guard flagged takes an editor's override with a reason.
const override = {
  override: z.boolean({ error: 'true or false' }).optional(),
  overrideReason: comment.optional(),
};
const instant = z.iso.datetime({ offset: true, error: 'an ISO 8601 time with its offset, e.g. 2026-11-30T08:00:00+08:00' });

/** Each move's body: always the version last read, plus what that move takes. */
const bodies: Readonly<Record<WorkflowAction, z.ZodObject>> = {
  submit: z.object({ version: versionField, comment: comment.optional() }),
  approve: z.object({ version: versionField, comment: comment.optional(), publishAt: instant.optional(), ...override }),
  return: z.object({ version: versionField, comment: comment.min(1, 'say what the authors should change') }),
  publish: z.object({
    version: versionField,
    comment: comment.optional(),
    correctionNote: comment.optional(),
    resetPublishedAt: z.boolean({ error: 'true or false' }).optional(),
    ...override,
  }),
  schedule: z.object({ version: versionField, publishAt: instant, comment: comment.optional(), resetPublishedAt: z.boolean({ error: 'true or false' }).optional(), ...override }),
  unpublish: z.object({ version: versionField, to: z.enum(['draft', 'archived'], { error: 'draft or archived' }).optional(), comment: comment.optional() }),
  archive: z.object({ version: versionField, comment: comment.optional() }),
};

const summaries: Readonly<Record<WorkflowAction, string>> = {
  submit: 'Submit a draft for review',
  approve: 'Approve an article in review: publish now, or at publishAt',
  return: 'Return an article to its authors with a comment',
  publish: 'Publish now',
  schedule: 'Schedule publication at publishAt (embargo)',
  unpublish: 'Take a published or scheduled article down (to draft or archived)',
  archive: 'Archive an article',
};

/**
 * The workflow API: `POST /api/v1/admin/articles/{id}/{move}` for every move of the state
 * machine (src/content/workflow.ts). Each needs the move's right (ownership counts for `.own`
 * rights) and the `version` last read; it answers with the article at its new version, or 409
 * with the `current` article when the version is stale or the status does not allow the move.
 */
export function adminWorkflowEndpoints(d: AdminWorkflowApiDeps): Endpoint[] {
  return WORKFLOW_ACTIONS.map((action) =>
    defineEndpoint({
      method: 'POST',
      url: `/api/v1/admin/articles/:id/${action}`,
      summary: summaries[action],
      description: `Allowed from: ${WORKFLOW[action].from.join(', ')}.`,
      permissions: WORKFLOW[action].permission,
      cache: { maxAge: 0 },
      params: idParam,
      body: bodies[action],
      handler: async ({ params, body, actor }) => {
        // Each body schema is a subset of MoveInput; the move reads only what it takes.
        const input = body as unknown as MoveInput;
        await withCurrent(d, params.id, input.version, () => d.workflow.move(params.id, action, actor!, input));
        return { article: adminArticleJson(await d.admin.get(params.id), d.siteUrl) };
      },
    }),
  );
}
