// Bundles the newsroom UI's browser code (src/admin/**/client/*.entry.ts) into dist/admin-assets/
// with esbuild, so that a built server serves files instead of bundling on first request.
// Runs after tsc and copy-assets (it uses the compiled src/admin/assets.js and its stylesheet).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const OUT = 'dist/admin-assets';
const { bundleFromSource } = await import('../dist/src/admin/assets.js');
const files = await bundleFromSource(resolve('src/admin'));
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
for (const [name, code] of files) writeFileSync(join(OUT, name), code);
console.log(`admin bundles: ${[...files.keys()].join(', ')} → ${OUT}/`);
