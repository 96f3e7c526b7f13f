import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The web package's folder. */
export const WEB_DIR = resolve(import.meta.dirname, '../..');
/** The workspace root. */
export const ROOT_DIR = resolve(WEB_DIR, '..');
/** The built web app the gateway serves. */
export const WEB_DIST_DIR = join(WEB_DIR, 'dist');
/** The built all-in-one start (`services/embedded`, `node dist/main.js`). */
export const EMBEDDED_MAIN = join(ROOT_DIR, 'services/embedded/dist/main.js');
/** Where the screenshots go (committed, so reviewers see each screen). */
export const SCREENSHOT_DIR = join(WEB_DIR, 'e2e/screenshots');
/** Debian's Chromium: the tests never download a browser. */
export const CHROMIUM = process.env['ANBU_CHROMIUM'] ?? '/usr/bin/chromium';

/** Why the browser tests cannot run here, or undefined when they can. */
export function missingPrerequisite(): string | undefined {
  if (!existsSync(EMBEDDED_MAIN)) {
    return `the embedded start is not built (${EMBEDDED_MAIN}); run \`pnpm turbo run build --filter=@anbu/embedded...\``;
  }
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install chromium)`;
  return undefined;
}
