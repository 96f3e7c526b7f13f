import { build } from 'vite';

import { WEB_DIR } from './paths.js';

/** Builds the web app into `web/dist` so the embedded start serves the code under test. */
export async function buildWeb(): Promise<void> {
  await build({ root: WEB_DIR, logLevel: 'warn', configFile: `${WEB_DIR}/vite.config.ts` });
}
