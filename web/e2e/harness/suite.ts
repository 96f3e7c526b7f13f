import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

import { CHROMIUM, EMBEDDED_MAIN, missingPrerequisite, ROOT_DIR } from './paths.js';

const inCi = () => process.env['CI'] === 'true';

/**
 * Whether the browser suites against the embedded start run. Outside CI a missing prerequisite
 * skips them with a loud warning; in CI (`CI=true`) they always run, and {@link ensureEmbeddedBuilt}
 * builds what is missing.
 */
export function browserSuiteGate(): { skip: boolean } {
  const missing = missingPrerequisite();
  if (missing && !inCi()) {
    console.warn(
      `\n${'!'.repeat(78)}\n!! SKIPPING the web browser tests against the embedded start:\n!!   ${missing}\n` +
        `!! (in CI they run, building the embedded start first)\n${'!'.repeat(78)}\n`,
    );
  }
  return { skip: missing !== undefined && !inCi() };
}

/** Whether the browser suites that need only Chromium run (skipped loudly without it, outside CI). */
export function chromiumGate(): { skip: boolean } {
  const missing = existsSync(CHROMIUM)
    ? undefined
    : `no Chromium at ${CHROMIUM} (apt-get install chromium)`;
  if (missing && !inCi()) console.warn(`\n!! SKIPPING the web map browser tests: ${missing}\n`);
  return { skip: missing !== undefined && !inCi() };
}

/** Builds `services/embedded` and what it depends on when its `dist/main.js` is missing (CI). */
export function ensureEmbeddedBuilt(): void {
  if (existsSync(EMBEDDED_MAIN)) return;
  const result = spawnSync(
    'pnpm',
    ['turbo', 'run', 'build', '--filter=@anbu/embedded...', '--output-logs=errors-only'],
    { cwd: ROOT_DIR, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (result.status !== 0 || !existsSync(EMBEDDED_MAIN)) {
    throw new Error(`building the embedded start failed:\n${result.stdout}\n${result.stderr}`);
  }
  const missing = missingPrerequisite();
  if (missing) throw new Error(`the browser tests cannot run: ${missing}`);
}
