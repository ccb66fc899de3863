// Trunk post_build hook: minifies wasm-bindgen's JS glue (Trunk's own minifier cannot parse
// it), pins the Content-Security-Policy to the exact inline loader script Trunk writes (by its
// SHA-256), and adds 404.html so static hosts that serve it for unknown paths (GitHub Pages)
// boot the app on deep links.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify } from 'terser';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: run this through `trunk build`');
// The glue's exports are the loader's imports, and its `__wbg_*` names are the wasm module's:
// neither is renamed (terser keeps export and property names).
for (const name of readdirSync(dir).filter((n) => n.endsWith('.js'))) {
  const path = join(dir, name);
  const source = readFileSync(path, 'utf8');
  const out = await minify(source, { module: true, compress: { passes: 2 }, mangle: true });
  if (!out.code) throw new Error(`terser produced nothing for ${name}`);
  writeFileSync(path, out.code);
  console.log(`post-build: ${name} minified, ${source.length} → ${out.code.length} bytes`);
}

const file = join(dir, 'index.html');
let html = readFileSync(file, 'utf8');
const scripts = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
if (scripts.length === 0) throw new Error('no inline script found in index.html');
const hashes = scripts.map((s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`);
if (!html.includes('__INLINE_SCRIPT_HASHES__')) throw new Error('CSP placeholder missing from index.html');
html = html.replace('__INLINE_SCRIPT_HASHES__', hashes.join(' '));
writeFileSync(file, html);
writeFileSync(join(dir, '404.html'), html);
console.log(`post-build: CSP pinned to ${hashes.length} inline script(s); 404.html written`);
