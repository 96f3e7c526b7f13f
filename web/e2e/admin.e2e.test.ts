import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createDemoCity } from '@anbu/demo-city';

import type { EmbeddedServer } from './harness/embedded-server.js';
import { launchBrowser, openPage } from './harness/browser.js';
import { demoUserWithRole } from './harness/demo-users.js';
import { startEmbedded } from './harness/embedded-server.js';
import { screenshot, signIn } from './harness/session.js';
import { browserSuiteGate, ensureEmbeddedBuilt } from './harness/suite.js';
import { buildWeb } from './harness/web-build.js';

const gate = browserSuiteGate();

const NEW_ACCOUNT = { login: 'kim.bokji', name: '김복지', password: 'welcome-anbu-2026' };

describe.skipIf(gate.skip)('the administrator in Chromium against the embedded start', () => {
  let server: EmbeddedServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ensureEmbeddedBuilt();
    await buildWeb();
    server = await startEmbedded();
    browser = await launchBrowser();
    // Tall enough for the forms and the table in one screenshot.
    ({ context, page } = await openPage(browser, {
      baseUrl: server.url,
      viewport: { width: 1440, height: 1500 },
    }));
    page.setDefaultTimeout(60_000);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('should create an account, grant it a caseworker role, and let it sign in as one', async () => {
    const admin = demoUserWithRole('admin');
    await page.context().clearCookies();
    await signIn(page, admin);
    await page.getByRole('heading', { name: '계정과 역할' }).waitFor();
    const table = page.getByRole('table');
    await table.getByText(admin.login, { exact: true }).waitFor();

    await page.getByLabel('아이디', { exact: true }).fill(NEW_ACCOUNT.login);
    await page.getByLabel('이름', { exact: true }).fill(NEW_ACCOUNT.name);
    await page.getByLabel('초기 비밀번호', { exact: true }).fill(NEW_ACCOUNT.password);
    await page.getByRole('button', { name: '계정 만들기' }).click();
    const row = table.locator('tr', { hasText: NEW_ACCOUNT.login });
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain('역할 없음');

    // The grant form offers the new account; two 읍면동 of the demo city.
    const [first, second] = createDemoCity({ householdCount: 0 }).districts;
    if (!first || !second) throw new Error('the demo city has fewer than two districts');
    await page.getByLabel('역할', { exact: true }).selectOption('caseworker');
    await page.getByRole('button', { name: first.name, exact: true }).click();
    await page.getByRole('button', { name: second.name, exact: true }).click();
    await page.getByRole('button', { name: '역할 부여', exact: true }).click();
    await page.getByText(`${NEW_ACCOUNT.login}에게 사례관리사 역할을 부여했습니다.`).waitFor();
    await row.getByText('사례관리사', { exact: true }).waitFor();
    expect(await row.textContent()).toContain(first.name);
    await screenshot(page, '40-admin-accounts-ko');

    // The new caseworker signs in and works in that role.
    await page.getByRole('button', { name: '로그아웃' }).click();
    await page.context().clearCookies();
    await signIn(page, NEW_ACCOUNT);
    await page.locator('.app-header').getByText('사례관리사').waitFor();
    expect(await page.locator('.app-header').textContent()).toContain(NEW_ACCOUNT.name);
  });
});
