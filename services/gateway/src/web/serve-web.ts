import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Context } from 'hono';

const CONTENT_TYPES: Readonly<Record<string, string>> = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
});

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Anbu</title></head>
<body><h1>Anbu</h1>
<p>The web app is not built yet. Build it with <code>pnpm --filter @anbu/web build</code>;
the API is up: see <a href="/healthz">/healthz</a>.</p></body></html>`;

/** The decoded path, or undefined for malformed percent-encoding (`/%E0%A4%A`). */
function safeDecode(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * A handler that serves the built web app from `dir`: files as they are (hashed `assets/`
 * cached for a year), any other GET for a page falls back to `index.html` so that client-side
 * routes survive a reload. Without a build, a small page says so (not a 500).
 */
export function serveWeb(dir: string | undefined) {
  const root = dir ? resolve(dir) : undefined;
  return async (c: Context): Promise<Response> => {
    const index = root && join(root, 'index.html');
    if (!root || !index || !(await isFile(index))) return c.html(NOT_BUILT_PAGE);
    const decoded = safeDecode(new URL(c.req.url).pathname);
    if (decoded === undefined) return c.text('bad path', 400);
    const relative = normalize(decoded).replace(/^[/\\]+/, '');
    const path = join(root, relative);
    // normalize() removed `..` segments, but check the result lies inside root anyway.
    const inside = path === root || path.startsWith(root + sep);
    if (inside && relative !== '' && (await isFile(path))) {
      const type = CONTENT_TYPES[extname(path)] ?? 'application/octet-stream';
      const cache = relative.startsWith('assets/')
        ? 'public, max-age=31536000, immutable'
        : 'no-cache';
      return c.body(await readFile(path), 200, { 'Content-Type': type, 'Cache-Control': cache });
    }
    // A missing file with an extension is a real 404; anything else is a client-side route.
    if (extname(relative) !== '') return c.text('not found', 404);
    return c.body(await readFile(index), 200, {
      'Content-Type': CONTENT_TYPES['.html'] ?? 'text/html',
      'Cache-Control': 'no-cache',
    });
  };
}
