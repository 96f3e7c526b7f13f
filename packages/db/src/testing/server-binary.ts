import { existsSync, readFileSync } from 'node:fs';

/** True when tests run in CI, where a missing server binary must fail, not skip. */
export function isCi(): boolean {
  const ci = process.env['CI'];
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
}

/**
 * Decides whether a suite that needs `what` can run: true if found; false (with a loud message)
 * outside CI; throws `error` in CI so that a missing binary fails the build.
 */
export function requireBinary(what: string, found: boolean, error: () => Error): boolean {
  if (found) return true;
  if (isCi()) throw error();
  console.warn(
    `\n!!! ${what} not found: SKIPPING the tests that need it. ` +
      `Install it (see .ci/run) — in CI (CI=true) this is a failure.\n`,
  );
  return false;
}

/** uid/gid of a system user from /etc/passwd, for dropping root before starting a server. */
export function systemUser(name: string): { uid: number; gid: number } | undefined {
  if (!existsSync('/etc/passwd')) return undefined;
  for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
    const [user, , uid, gid] = line.split(':');
    if (user === name && uid && gid) return { uid: Number(uid), gid: Number(gid) };
  }
  return undefined;
}
