import { missingPrerequisite } from './paths.js';

/**
 * Whether the browser suites run. Outside CI a missing prerequisite skips them with a loud
 * warning; in CI (`CI=true`) it is an error, because CI must exercise the browser.
 */
export function browserSuiteGate(): { skip: boolean; missing: string | undefined } {
  const missing = missingPrerequisite();
  const required = process.env['CI'] === 'true';
  if (missing && !required) {
    console.warn(
      `\n${'!'.repeat(78)}\n!! SKIPPING the web browser tests: ${missing}\n` +
        `!! (they run when it is there; in CI a missing prerequisite fails them)\n${'!'.repeat(78)}\n`,
    );
  }
  return { skip: missing !== undefined && !required, missing };
}
