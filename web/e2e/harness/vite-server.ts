import type { ViteDevServer } from 'vite';
import { createServer } from 'vite';

import { WEB_DIR } from './paths.js';

/** Vite's dev server over the web package, for pages under `e2e/fixtures/`. */
export async function startViteServer(): Promise<{ url: string; server: ViteDevServer }> {
  const server = await createServer({
    root: WEB_DIR,
    configFile: `${WEB_DIR}/vite.config.ts`,
    logLevel: 'warn',
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0]?.replace(/\/$/, '');
  if (!url) throw new Error('the Vite dev server reports no URL');
  return { url, server };
}
