import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors/index.js';

/**
 * The admin's browser code. Entry points are the files `src/admin/**\/client/*.entry.ts`
 * (the core's, manage/'s and imports/'s); each becomes `/admin/assets/<name>.js`, so names
 * must be unique across folders. `npm run build` bundles them with esbuild into
 * `dist/admin-assets/` (scripts/build-admin.js); when no prebuilt bundle exists (tests,
 * `npm run dev`) they are bundled from source on first request, once per process.
 */
const HERE = fileURLToPath(new URL('.', import.meta.url));
const PREBUILT = fileURLToPath(new URL('../../admin-assets/', import.meta.url));
// Decided once: a build made before the server started, or bundling from source.
const HAS_PREBUILT = existsSync(PREBUILT);
const CSS = readFileSync(join(HERE, 'admin.css'));
const CSS_VERSION = createHash('sha1').update(CSS).digest('hex').slice(0, 10);
// Bundles from source change with every edit; a per-process token keeps browsers from mixing.
const START_VERSION = Date.now().toString(36);

/** Finds every `client/*.entry.ts` under a folder. */
export function findEntries(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (basename(dir) === 'client' && name.endsWith('.entry.ts')) out.set(name.slice(0, -'.entry.ts'.length), full);
    }
  };
  walk(root);
  return out;
}

/** The versioned URL of an admin asset: `admin.css`, or a client bundle by entry name. */
export function adminAssetUrl(name: string): string {
  if (name === 'admin.css') return `/admin/assets/admin.css?v=${CSS_VERSION}`;
  return `/admin/assets/${name}.js?v=${HAS_PREBUILT ? 'b' + prebuiltVersion() : START_VERSION}`;
}

let prebuiltHash: string | undefined;
function prebuiltVersion(): string {
  prebuiltHash ??= createHash('sha1')
    .update(readdirSync(PREBUILT).sort().map((f) => statSync(join(PREBUILT, f)).mtimeMs).join(','))
    .digest('hex')
    .slice(0, 10);
  return prebuiltHash;
}

let bundles: Promise<Map<string, string>> | undefined;

/** Bundles every admin entry with esbuild in memory (development and tests). */
export async function bundleFromSource(root = HERE): Promise<Map<string, string>> {
  // esbuild is a development dependency: production serves the prebuilt files instead.
  const esbuild = await import('esbuild');
  const entries = findEntries(root);
  const result = await esbuild.build({
    entryPoints: Object.fromEntries(entries),
    bundle: true,
    write: false,
    format: 'esm',
    splitting: true,
    outdir: '/admin-assets',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
    chunkNames: 'chunk-[hash]',
  });
  return new Map(result.outputFiles.map((f) => [basename(f.path), f.text]));
}

function loadBundles(): Promise<Map<string, string>> {
  if (HAS_PREBUILT) {
    return Promise.resolve(new Map(readdirSync(PREBUILT).filter((f) => f.endsWith('.js')).map((f) => [f, readFileSync(join(PREBUILT, f), 'utf8')])));
  }
  bundles ??= bundleFromSource().catch((err: unknown) => {
    bundles = undefined;
    throw err;
  });
  return bundles;
}

/** `GET /admin/assets/*`: the stylesheet and the client bundles (and their shared chunks). */
export async function adminAssetRoutes(app: FastifyInstance): Promise<void> {
  app.get('/assets/admin.css', async (_req, reply) => reply.type('text/css; charset=utf-8').header('Cache-Control', 'public, max-age=31536000, immutable').send(CSS));
  app.get<{ Params: { file: string } }>('/assets/:file', async (req, reply) => {
    const code = (await loadBundles()).get(req.params.file);
    if (code === undefined) throw new AppError('JD_ERR_HTTP_NOT_FOUND', { path: req.url.split('?')[0] });
    // Versioned by the ?v= of the page that links it; chunks are named by their content.
    return reply.type('text/javascript; charset=utf-8').header('Cache-Control', 'public, max-age=31536000, immutable').send(code);
  });
}
