import { join } from 'node:path';
import type { Page } from 'playwright-core';

import { SCREENSHOT_DIR } from './paths.js';

/**
 * Signs in through the login form as a Korean-speaking user would, from a fresh session (a test
 * that failed before signing out leaves no one signed in for the next).
 */
export async function signIn(page: Page, { login, password }: { login: string; password: string }) {
  await page.context().clearCookies();
  await page.goto('/');
  await page.getByLabel('아이디').fill(login);
  await page.getByLabel('비밀번호').fill(password);
  await page.getByRole('button', { name: '로그인' }).click();
}

/** Saves a full-window screenshot as `e2e/screenshots/<name>.png`, after fonts are in. */
export async function screenshot(page: Page, name: string) {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), animations: 'disabled' });
}
