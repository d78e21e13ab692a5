import { readFileSync } from 'node:fs';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';

/** Debian's Chromium, headless, with the flags this machine's closed network needs. */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const PHONE = { width: 320, height: 740 };
export const DESKTOP = { width: 1280, height: 900 };

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** A Swedish browser context of the given size; every console error and uncaught exception is kept (CSP violations are console errors). */
export async function swedishContext(browser: Browser, viewport = PHONE): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport, locale: 'sv-SE', timezoneId: 'Europe/Stockholm', acceptDownloads: true, ...(viewport === PHONE ? { isMobile: true, hasTouch: true } : {}) });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (msg) => {
    // A page answered with a 4xx on purpose (a form with errors is a 400) is reported as a failed resource.
    if (msg.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text())) errors.push(msg.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The WCAG 2.1 A and AA problems axe-core finds on the page, as "rule: target" lines (none is the goal). */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  });
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

/** Whether the page needs no sideways scrolling at its width. */
export async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

/**
 * What every page state must be: nothing axe-core finds (WCAG 2.1 A and AA), no sideways scrolling at its
 * width, a clean console, and Swedish. With SCREENSHOT_DIR set, a picture of it is kept there.
 */
export async function expectPageFine(page: Page, state: string, errors: string[], picturePrefix = ''): Promise<void> {
  expect({ state, problems: await accessibilityProblems(page) }).toEqual({ state, problems: [] });
  expect({ state, fits: await fitsWidth(page) }).toEqual({ state, fits: true });
  expect({ state, errors }).toEqual({ state, errors: [] });
  expect(await page.getAttribute('html', 'lang')).toBe('sv');
  if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/${picturePrefix}${state.replace(/[^a-z0-9]+/gi, '-')}.png`, fullPage: true });
}
