import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

import { CHROMIUM } from './paths.js';

/** Flags for a quiet, offline-friendly headless Chromium in a container. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches Debian's Chromium (never a downloaded browser). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/**
 * A fresh context (own cookies, own storage) at a laptop size. Requests that leave `baseUrl`
 * (map tiles) are refused, as they would be on a machine with no internet, so every run shows
 * the map the way an offline office sees it.
 */
export async function openPage(
  browser: Browser,
  {
    baseUrl,
    viewport = { width: 1440, height: 900 },
  }: { baseUrl: string; viewport?: { width: number; height: number } },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport,
    locale: 'ko-KR',
    timezoneId: 'Asia/Seoul',
  });
  await context.route(
    (url) => url.origin !== new URL(baseUrl).origin,
    (route) => route.abort('internetdisconnected'),
  );
  const page = await context.newPage();
  return { context, page };
}
