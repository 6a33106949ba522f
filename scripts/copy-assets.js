// Copies the non-TypeScript files the server reads at run time (stylesheets, demo data, images)
// from src/ into dist/src/, since tsc only emits .js.
import { cpSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';

const COPY = new Set(['.css', '.json', '.svg', '.png', '.jpg', '.webp', '.ico', '.txt']);

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const from = join(dir, name);
    if (statSync(from).isDirectory()) walk(from);
    else if (COPY.has(extname(name)) && !name.endsWith('.test.json')) cpSync(from, join('dist', from));
  }
}
if (existsSync('src')) walk('src');
