import { z } from 'zod';
import { inspectHtml, stripFlagged } from '../guard/integrity.js';
import { sanitizeBody } from '../guard/sanitize.js';
import { defineEndpoint, type Endpoint } from './endpoint.js';

const MAX_HTML = 500_000;

const findingOut = z.object({ rule: z.string(), reason: z.string(), location: z.string() });

/**
 * The guard's admin API: `POST /api/v1/admin/sanitize` takes HTML an editor pasted (or any
 * client is about to save) and returns it as it will be stored — flagged parts (hidden blocks,
 * spam links, link farms, scripts…) removed, then passed through the one sanitizing policy —
 * with what the integrity guard found in the input and what it removed. Anyone who may write
 * articles may call it; it stores nothing.
 */
export function adminGuardEndpoints(): Endpoint[] {
  return [
    defineEndpoint({
      method: 'POST',
      url: '/api/v1/admin/sanitize',
      summary: 'Clean HTML the way a save will (the editor’s paste path)',
      description:
        '`{html}` → `{html, findings, removed}`: `findings` are what the integrity guard found in the HTML given, `removed` what was cut out; `html` is what remains after the sanitizing policy. Keyword stuffing is reported but left in place.',
      permissions: 'article.create',
      cache: { maxAge: 0 },
      body: z.object({ html: z.string({ error: 'the HTML to clean, as a string' }).max(MAX_HTML, `at most ${MAX_HTML} characters`) }),
      response: z.object({ html: z.string(), findings: z.array(findingOut), removed: z.array(z.object({ rule: z.string(), reason: z.string() })) }),
      handler: async ({ body }) => {
        const stripped = stripFlagged(body.html);
        return { html: sanitizeBody(stripped.html), findings: inspectHtml(body.html), removed: stripped.removed };
      },
    }),
  ];
}
