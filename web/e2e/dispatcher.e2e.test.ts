import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { EmbeddedServer } from './harness/embedded-server.js';
import { launchBrowser, openPage } from './harness/browser.js';
import { caseworkerOfHousehold, demoUserWithRole } from './harness/demo-users.js';
import { startEmbedded } from './harness/embedded-server.js';
import { screenshot, signIn } from './harness/session.js';
import { browserSuiteGate, ensureEmbeddedBuilt } from './harness/suite.js';
import { buildWeb } from './harness/web-build.js';

const gate = browserSuiteGate();

describe.skipIf(gate.skip)('the web app in Chromium against the embedded start', () => {
  let server: EmbeddedServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** The household of the stop the carrier reported with a crisis sign (its alert's subject). */
  let reportedHouseholdId: string | undefined;

  beforeAll(async () => {
    ensureEmbeddedBuilt();
    await buildWeb();
    server = await startEmbedded();
    browser = await launchBrowser();
    ({ context, page } = await openPage(browser, { baseUrl: server.url }));
    // CI machines here are shared and loaded (load 15 on 2 cores): waits are generous.
    page.setDefaultTimeout(60_000);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('should open on the Korean login screen', async () => {
    await page.goto('/');
    await expect.poll(() => page.getByRole('heading', { name: '로그인' }).isVisible()).toBe(true);
    expect(await page.getAttribute('html', 'lang')).toBe('ko');
    // Every request off this origin is refused (no internet): the Korean font is ours.
    const font = await page.evaluate(async () => {
      await document.fonts.load('16px "Pretendard Variable"', '안부 로그인');
      await document.fonts.ready;
      return {
        ready: document.fonts.check('16px "Pretendard Variable"', '안부 로그인'),
        loaded: [...document.fonts].filter(
          (f) => f.family.includes('Pretendard') && f.status === 'loaded',
        ).length,
      };
    });
    expect(font.ready).toBe(true);
    expect(font.loaded).toBeGreaterThan(0);
    await screenshot(page, '01-login-ko');
  });

  it("should refuse a wrong password with the server's answer", async () => {
    await signIn(page, { login: 'dispatcher', password: 'not-the-password' });
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('아이디 또는 비밀번호가 올바르지 않습니다.');
    await screenshot(page, '02-login-error-ko');
  });

  it('should take the dispatcher to the map with the district boundaries and roads', async () => {
    const dispatcher = demoUserWithRole('dispatcher');
    await signIn(page, dispatcher);
    await page.getByRole('heading', { name: '오늘의 배차 지도' }).waitFor();
    await page.locator('.leaflet-container').waitFor();
    // 20 district outlines plus the roads (casing and fill) are SVG paths in the overlay pane.
    await expect
      .poll(() => page.locator('.leaflet-overlay-pane path').count())
      .toBeGreaterThanOrEqual(20);
    // Names that would collide are thinned out at this zoom; the outer 읍면 always fit.
    await expect
      .poll(() => page.locator('.district-label span').count())
      .toBeGreaterThanOrEqual(10);
    await page.locator('.district-label span', { hasText: '함열읍' }).waitFor();
    expect(await page.locator('.depot-marker').count()).toBeGreaterThanOrEqual(3);
    // Tiles are out of reach here: the map says so and carries on with its own layers.
    await page.getByText('배경 지도를 불러올 수 없어').waitFor();
    expect(await page.getByText(dispatcher.displayName).isVisible()).toBe(true);
    await screenshot(page, '03-dispatcher-map-ko');
    // Picking a district in the list zooms to it and names it.
    await page.getByRole('button', { name: '중앙동 보기' }).click();
    await page.locator('.district-label span', { hasText: '중앙동' }).waitFor();
  });

  it('should switch the whole app to English and remember it', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: "Today's dispatch map" }).waitFor();
    await page.locator('.district-label span', { hasText: 'Jungang-dong' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.reload();
    await page.getByRole('heading', { name: "Today's dispatch map" }).waitFor();
    await page.getByRole('button', { name: 'Show Mohyeon-dong' }).click();
    await page.waitForTimeout(900); // the fly-to animation
    await screenshot(page, '04-dispatcher-map-en');
  });

  it('should sign out back to the login screen', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByRole('button', { name: '한국어' }).click();
    await page.getByRole('heading', { name: '로그인' }).waitFor();
  });

  it(
    'should let the dispatcher plan the day with live progress and see the routes',
    { timeout: 300_000 },
    async () => {
      await signIn(page, demoUserWithRole('dispatcher'));
      await page.getByRole('heading', { name: '오늘의 배차 지도' }).waitFor();
      await page.getByLabel('계산 시간').selectOption('5');
      await page.getByRole('button', { name: '경로 계획 세우기' }).click();
      const bar = page.getByRole('progressbar', { name: '계획 진행률' });
      await bar.waitFor({ timeout: 30_000 });
      // The bar moves while the solver runs, then the run ends one way or another.
      await expect
        .poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 60_000 })
        .toBeGreaterThan(0);
      // The progress arrives over SSE (the screen falls back to polling only when SSE fails).
      const source = await page
        .locator('[data-progress-source]')
        .getAttribute('data-progress-source', { timeout: 2_000 })
        .catch(() => 'finished before it was read');
      console.info(`[dispatch] planning progress source: ${source}`);
      if (source === 'sse' || source === 'polling') expect(source).toBe('sse');
      await screenshot(page, '11-dispatcher-planning-ko');
      await page
        .locator('.run-status--succeeded, .run-status--failed, .run-status--cancelled')
        .first()
        .waitFor({ timeout: 90_000 });
      if ((await page.locator('.run-progress[data-status="succeeded"]').count()) > 0) {
        // The figures read in orders and routes: "routed of the pool", never the solver's cost.
        expect(await page.locator('.run-figures').textContent()).toMatch(/\d+ \/ \d+건/);
        await page.getByRole('heading', { name: '경로', exact: true }).waitFor();
        const routes = await page.locator('.route-list__item').count();
        if (routes > 0) {
          await expect.poll(() => page.locator('path.route-line').count()).toBeGreaterThan(0);
          await page.getByRole('button', { name: '배송원에게 배포' }).click();
          await page.getByText('배포됨', { exact: false }).first().waitFor({ timeout: 90_000 });
          // The published plan of the day comes from dispatch, not from this browser's storage.
          await page.evaluate(() => window.localStorage.clear());
          await page.reload();
          await page.getByText('배포됨', { exact: false }).first().waitFor({ timeout: 30_000 });
        } else {
          console.warn('!! the planning run made no routes from the embedded seed');
        }
      } else {
        console.warn('!! the planning run did not succeed in the embedded start');
      }
      await screenshot(page, '12-dispatcher-plan-ko');
      await page.getByRole('button', { name: '로그아웃' }).click();
      await page.getByRole('heading', { name: '로그인' }).waitFor();
    },
  );

  it(
    'should let a partner post a donation, naming the field that is wrong first',
    { timeout: 240_000 },
    async () => {
      const partner = demoUserWithRole('partner');
      await signIn(page, partner);
      await page.getByRole('heading', { name: '기부 포털' }).waitFor();
      await page.getByRole('button', { name: '기부 등록' }).click();
      const summary = page.locator('form.donation-form [role="alert"]');
      await summary.waitFor();
      expect(await summary.textContent()).toContain('품목 1 수량');
      await screenshot(page, '13-partner-errors-ko');
      await page.getByLabel('설명').fill('컵라면 (소)');
      await page.getByLabel('수량', { exact: true }).fill('40');
      await page.getByLabel('픽업 장소 이름').fill('익산 로타리클럽 회관');
      await page.getByLabel('픽업 주소').fill('전북 익산시 중앙로 12');
      await page.getByLabel('픽업 읍면동').selectOption({ index: 1 });
      await page.getByRole('button', { name: '기부 등록' }).click();
      await page.getByText('기부를 등록했습니다', { exact: false }).waitFor();
      await page.locator('.donation-row', { hasText: '컵라면 (소)' }).first().waitFor();
      await screenshot(page, '09-partner-portal-ko');
      // Its map: pickup places (its own) and the routes carrying its goods at 읍면동 level.
      const partnerMap = page.locator('.partner-map');
      await partnerMap.scrollIntoViewIfNeeded();
      await partnerMap.getByText(/픽업 장소 \d+곳/).waitFor({ timeout: 30_000 });
      await expect
        .poll(() => page.locator('.pickup-marker').count(), { timeout: 30_000 })
        .toBeGreaterThan(0);
      // The demo day puts the partner's rice on the pool, so the published plan carries it: its
      // routes are drawn from 읍면동 to 읍면동, and its own volunteers' routes are there too.
      await expect
        .poll(() => partnerMap.locator('.partner-route__swatch').count(), { timeout: 30_000 })
        .toBeGreaterThan(0);
      await expect.poll(() => partnerMap.locator('path.route-line').count()).toBeGreaterThan(0);
      const routesShown = await partnerMap.locator('.partner-route__swatch').count();
      const volunteers = await partnerMap.locator('.partner-route__volunteer').count();
      console.info(
        `[partner] routes on its map: ${routesShown}, of its own volunteers: ${volunteers}`,
      );
      expect(volunteers).toBeGreaterThan(0);
      expect(await partnerMap.textContent()).not.toMatch(/\d{3}-\d{4}-\d{4}/);
      await page.waitForTimeout(500);
      await screenshot(page, '20-partner-map-ko');
      await page.getByRole('button', { name: '로그아웃' }).click();
      await page.getByRole('heading', { name: '로그인' }).waitFor();
    },
  );

  it(
    'should let a carrier on a phone report a stop with a crisis sign, even offline',
    { timeout: 240_000 },
    async () => {
      const carrier = demoUserWithRole('carrier');
      const phone = await openPage(browser, {
        baseUrl: server.url,
        viewport: { width: 390, height: 844 },
      });
      try {
        const mobile = phone.page;
        mobile.setDefaultTimeout(60_000);
        await signIn(mobile, carrier);
        await mobile.getByRole('heading', { name: '오늘의 배송 경로' }).waitFor();
        await mobile.locator('.empty, .stop-list, .alert').first().waitFor();
        await screenshot(mobile, '10-carrier-route-phone-ko');
        const rows = mobile.locator('.stop-row');
        // The dispatcher published the day's plan above: the demo carrier has stops on it.
        expect(await rows.count()).toBeGreaterThan(0);
        await phone.context.setOffline(true);
        await rows.first().click();
        await mobile.getByRole('button', { name: '전달했어요' }).click();
        await mobile.getByLabel('도움을 요청했어요').check();
        await mobile.getByLabel('기분·상태').selectOption('distressed');
        await screenshot(mobile, '14-carrier-checklist-phone-ko');
        await mobile.getByRole('button', { name: '전달 완료 저장' }).click();
        await mobile.getByText('전송 대기 2건').waitFor();
        await screenshot(mobile, '15-carrier-offline-pending-phone-ko');
        await phone.context.setOffline(false);
        await mobile.getByText('모든 보고를 보냈습니다.').waitFor({ timeout: 30_000 });
        await screenshot(mobile, '16-carrier-sent-phone-ko');
        // Which household the report was about, so that its district's caseworker looks for it.
        const mine = await mobile.evaluate(async () => {
          const res = await fetch('/trpc/dispatch.myRoute');
          return (await res.json()) as {
            result?: { data?: { route: { stops: { status: string; householdId?: string }[] } } };
          };
        });
        reportedHouseholdId = mine.result?.data?.route.stops.find(
          (s) => s.status === 'delivered',
        )?.householdId;
        expect(reportedHouseholdId).toBeDefined();
      } finally {
        await phone.context.close();
      }
    },
  );

  it(
    "should show the district's caseworker the carrier's crisis alert and resolve it",
    { timeout: 240_000 },
    async () => {
      // The alert goes to the caseworkers of the household's 읍면동.
      const caseworker = reportedHouseholdId
        ? caseworkerOfHousehold(reportedHouseholdId)
        : demoUserWithRole('caseworker');
      await signIn(page, caseworker);
      const heading = page.getByRole('heading', { name: /안부 알림함/ });
      await heading.waitFor();
      const items = page.locator('.inbox__item');
      // Care raises the alert from the carrier's stop update a moment later: ask again until it is in.
      await expect
        .poll(
          async () => {
            await page.locator('.inbox__item, .empty').first().waitFor();
            const open = await items.count();
            if (open === 0 && reportedHouseholdId) {
              await page.reload();
              await heading.waitFor();
            }
            return open;
          },
          { timeout: 90_000, interval: 2_000 },
        )
        .toBeGreaterThan(reportedHouseholdId ? 0 : -1);
      await screenshot(page, '05-caseworker-inbox-ko');
      if ((await items.count()) > 0) {
        // The same alert in English: its summary comes from its observation codes.
        await items.first().click();
        // It is the alert of the household the carrier reported (its short id on the detail).
        if (reportedHouseholdId) {
          await page.getByText(reportedHouseholdId.slice(0, 8), { exact: true }).waitFor();
        }
        await page.getByRole('button', { name: 'English' }).click();
        await page
          .locator('.alert-detail__summary', { hasText: /^(Welfare check|Check-in)/ })
          .waitFor();
        expect(await page.locator('.alert-detail__summary').textContent()).not.toMatch(/[가-힣]/);
        await screenshot(page, '23-caseworker-alert-en');
        await page.getByRole('button', { name: '한국어' }).click();
        await page.getByRole('heading', { name: /안부 알림함/ }).waitFor();
      }
      if ((await items.count()) === 0) {
        console.warn("!! no open alert in the caseworker's districts: resolving not exercised");
      } else {
        await items.first().click();
        await page.getByLabel('처리 결과').selectOption('visited');
        await page.getByLabel('후속 지원 요청하기').check();
        await screenshot(page, '17-caseworker-alert-ko');
        await page.getByRole('button', { name: '처리 완료로 저장' }).click();
        await page.getByText('알림을 처리 완료했습니다.').waitFor();
      }
    },
  );

  it(
    'should let the caseworker enrol a household with consent and file an ad-hoc need',
    { timeout: 240_000 },
    async () => {
      await page.getByRole('button', { name: '가구 등록' }).click();
      await page.getByRole('heading', { name: '가구 등록과 사업 신청' }).waitFor();
      // Nothing filled in: the summary names the fields, nothing is sent.
      await page.getByRole('button', { name: '가구 등록하고 사업 신청' }).click();
      const summary = page.locator('form.household-form [role="alert"]').first();
      await summary.waitFor();
      expect(await summary.textContent()).toContain('받는 분 이름');
      expect(await summary.textContent()).toContain('현관 위치');
      await page.getByLabel('받는 분 이름').fill('김순자');
      await page.getByLabel('연락받을 분').fill('김순자');
      await page.getByLabel('전화번호').fill('010-2345-6789');
      await page.getByLabel('도로명 주소').fill('전북 익산시 인북로 32');
      await page.waitForTimeout(900); // the map flies to the chosen 읍면동
      const picker = page.locator('.location-picker .leaflet-container');
      const box = await picker.boundingBox();
      if (!box) throw new Error('no location map');
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await page.getByText('선택한 위치', { exact: false }).waitFor();
      await page.getByLabel('사업', { exact: true }).selectOption({ index: 1 });
      await screenshot(page, '21-caseworker-enrol-ko');
      await page.getByRole('button', { name: '가구 등록하고 사업 신청' }).click();
      await page
        .getByText('김순자 가구를 등록하고 사업에 신청했습니다.')
        .waitFor({ timeout: 30_000 });

      await page.getByRole('button', { name: '지원 요청', exact: true }).click();
      await page.getByRole('heading', { name: '지원 요청 등록' }).waitFor();
      expect(await page.getByLabel('가구', { exact: true }).inputValue()).not.toBe('');
      await page.getByLabel('필요한 물품').selectOption('bedding');
      await page.getByLabel('수량', { exact: true }).fill('0');
      await page.getByRole('button', { name: '지원 요청 등록' }).click();
      await page.getByText('수량: 1 이상의 정수로 입력해 주세요.').first().waitFor();
      await page.getByLabel('수량', { exact: true }).fill('2');
      await page.getByLabel('메모').fill('겨울 이불 두 채');
      await page.getByRole('button', { name: '지원 요청 등록' }).click();
      await page
        .getByText('지원 요청을 등록했습니다', { exact: false })
        .waitFor({ timeout: 30_000 });
      await page.locator('.need-row').first().waitFor({ timeout: 30_000 });
      await screenshot(page, '22-caseworker-need-ko');
      await page.getByRole('button', { name: '로그아웃' }).click();
      await page.getByRole('heading', { name: '로그인' }).waitFor();
    },
  );

  it('should show the program manager the figures', { timeout: 240_000 }, async () => {
    const manager = demoUserWithRole('program_manager');
    await signIn(page, manager);
    await page.getByRole('heading', { name: '사업 현황' }).waitFor();
    await page.getByText('불러오는 중…').waitFor({ state: 'detached' });
    await page.waitForTimeout(500);
    await screenshot(page, '18-program-figures-ko');
    // Matching: the caseworker's ad-hoc need (bedding) is matched or left unmet, with why.
    await page.getByRole('button', { name: '배분 연결' }).click();
    await page.getByRole('heading', { name: '재고와 필요 배분' }).waitFor();
    await page.getByRole('button', { name: '배분 실행' }).click();
    await page.getByRole('heading', { name: '이번 배분' }).waitFor({ timeout: 60_000 });
    const why = page.getByRole('button', { name: '이유 보기' });
    if ((await why.count()) > 0) {
      await why.first().click();
      await page.locator('.need-explanation .reason').first().waitFor({ timeout: 30_000 });
      expect(await page.locator('.reason').count()).toBeGreaterThan(0);
    } else {
      console.warn('!! the allocation run left no need to explain');
    }
    await screenshot(page, '19-matching-ko');
  });
});
