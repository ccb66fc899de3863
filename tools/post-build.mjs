// Trunk post_build hook: pins the Content-Security-Policy to the exact inline loader script
// Trunk writes (by its SHA-256), and adds 404.html so static hosts that serve it for unknown
// paths (GitHub Pages) boot the app on deep links.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: run this through `trunk build`');
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
