import type { FastifyInstance } from 'fastify';
import { openApiDocument, type JsonSchema, type OpenApiInfo } from './openapi.js';

const esc = (v: unknown) =>
  String(v).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
// Inline code in summaries and descriptions (`like this`), after escaping.
const inline = (text: unknown) => esc(text).replace(/`([^`]+)`/g, '<code>$1</code>');

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface Operation {
  readonly summary?: string;
  readonly description?: string;
  readonly tags?: readonly string[];
  readonly operationId?: string;
  readonly 'x-permission'?: string;
  readonly security?: readonly object[];
  readonly parameters?: ReadonlyArray<{ name: string; in: string; required: boolean; schema: JsonSchema; description?: string }>;
  readonly requestBody?: { content: Record<string, { schema: JsonSchema }> };
  readonly responses?: Record<string, { description: string }>;
}

const STYLE = `body{font:15px/1.5 system-ui,"Noto Sans CJK TC",sans-serif;margin:0;color:#1b1b1b}
main{max-width:70rem;margin:0 auto;padding:1rem 1.5rem 4rem}
h1{font-size:1.6rem}h2{border-bottom:2px solid #ddd;padding-bottom:.25rem;margin-top:2.5rem}
nav ul{columns:3;padding-left:1rem}
.op{border:1px solid #ddd;border-radius:6px;margin:1rem 0;padding:.75rem 1rem}
.op h3{margin:0;font-size:1rem;font-family:ui-monospace,monospace;word-break:break-all}
.m{display:inline-block;min-width:4.5rem;text-align:center;border-radius:4px;color:#fff;font-size:.8rem;padding:.1rem .4rem;margin-right:.5rem}
.get{background:#2f6f3e}.post{background:#2456a6}.patch{background:#8a5a00}.put{background:#6b3fa0}.delete{background:#a12a2a}
table{border-collapse:collapse;width:100%;margin:.5rem 0}td,th{border:1px solid #e3e3e3;padding:.25rem .5rem;text-align:left;vertical-align:top;font-size:.9rem}
pre{background:#f6f6f6;padding:.5rem;overflow:auto;font-size:.8rem;max-height:28rem}
.lock{font-size:.85rem;color:#6b4b00}`;

/**
 * The API docs page: every operation of the OpenAPI document, grouped, with its parameters,
 * request body schema and responses. Plain server-rendered HTML: no script, no outside assets.
 */
export function renderApiDocs(doc: JsonSchema): string {
  const info = doc.info as { title: string; version: string; description: string };
  const paths = doc.paths as Record<string, Record<string, Operation>>;
  const groups = new Map<string, Array<{ method: string; path: string; op: Operation }>>();
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const group = op.tags?.[0] ?? 'api';
      groups.set(group, [...(groups.get(group) ?? []), { method, path, op }]);
    }
  }
  const names = [...groups.keys()].sort();
  const anchor = (g: string) => `g-${g.replace(/[^a-z0-9]+/gi, '-')}`;
  const body = names
    .map((g) => `<section><h2 id="${anchor(g)}">${esc(g)}</h2>${groups.get(g)!.map((o) => operation(o.method, o.path, o.op)).join('')}</section>`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(info.title)} API</title><style>${STYLE}</style></head><body><main>
<h1>${esc(info.title)} API <small>${esc(info.version)}</small></h1>
<p>${inline(info.description)}</p>
<p>Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1). Admin operations take <code>Authorization: Bearer &lt;token&gt;</code> or the session cookie (writes then also need <code>X-CSRF-Token</code>).</p>
<nav><ul>${names.map((g) => `<li><a href="#${anchor(g)}">${esc(g)}</a> (${groups.get(g)!.length})</li>`).join('')}</ul></nav>
${body}
<h2 id="schemas">Shared schemas</h2>${Object.entries((doc.components as { schemas: Record<string, unknown> }).schemas)
    .map(([name, s]) => `<h3>${esc(name)}</h3><pre>${esc(JSON.stringify(s, null, 2))}</pre>`)
    .join('')}
</main></body></html>`;
}

function operation(method: string, path: string, op: Operation): string {
  const params = op.parameters ?? [];
  const schema = op.requestBody?.content['application/json']?.schema;
  const secured = (op.security ?? []).length > 0;
  return `<article class="op" id="${esc(op.operationId ?? '')}">
<h3><span class="m ${method}">${method.toUpperCase()}</span>${esc(path)}</h3>
<p>${inline(op.summary ?? '')}${secured ? ` <span class="lock">🔒 ${esc(op['x-permission'] ?? 'signed in')}</span>` : ''}</p>
${op.description ? `<p>${inline(op.description)}</p>` : ''}
${
  params.length
    ? `<table><thead><tr><th>parameter</th><th>in</th><th>required</th><th>schema</th></tr></thead><tbody>${params
        .map((p) => `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${p.required ? 'yes' : ''}</td><td><code>${esc(JSON.stringify(p.schema))}</code></td></tr>`)
        .join('')}</tbody></table>`
    : ''
}
${schema ? `<details><summary>Request body (application/json)</summary><pre>${esc(JSON.stringify(schema, null, 2))}</pre></details>` : ''}
<p>Responses: ${Object.entries(op.responses ?? {})
    .map(([code, r]) => `<code>${esc(code)}</code> ${inline(r.description)}`)
    .join(' · ')}</p>
</article>`;
}

/**
 * `GET /api/v1/docs`, built from the same document as `/api/v1/openapi.json` on first request.
 * The page runs no script at all, and its CSP says so.
 */
export async function apiDocsRoutes(app: FastifyInstance, opts: { info: OpenApiInfo }): Promise<void> {
  let html: string | undefined;
  app.get('/api/v1/docs', async (_req, reply) => {
    html ??= renderApiDocs(openApiDocument(app, opts.info));
    return reply
      .type('text/html; charset=utf-8')
      .header('Cache-Control', 'public, max-age=300')
      .header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
      .send(html);
  });
}
