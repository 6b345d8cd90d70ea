/**
 * The HTML report in a real browser: Debian's Chromium driven by playwright-core.
 *
 * Local runs without /usr/bin/chromium skip these tests with a message; in CI (`CI` set) a missing
 * browser fails the run instead, so the tests can never silently stop running there.
 * Setup: `apt-get update && apt-get install -y chromium` (playwright-core is a devDependency).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../src/report/html/render-html-report.js';
import { hostileReportInput } from '../fixtures/report/hostile-report.js';
import { SAMPLE_ALERT_IDS, sampleReportInput } from '../fixtures/report/sample-report.js';

// The callbacks passed to page.evaluate run inside the browser. The project's tsconfig has no DOM lib
// (and should not get one for src/), so this file declares the few browser globals those callbacks use.
declare const window: Record<string, unknown>;
declare const document: {
  addEventListener(type: 'securitypolicyviolation', listener: (event: { violatedDirective: string; blockedURI: string }) => void): void;
  querySelectorAll(selector: string): ArrayLike<{ tagName: string; attributes: ArrayLike<{ name: string }> }>;
};
declare const location: { hash: string };
declare function getComputedStyle(element: unknown): { display: string; breakBefore: string };

const CHROMIUM = '/usr/bin/chromium';
const hasBrowser = existsSync(CHROMIUM);
const inCi = process.env['CI'] !== undefined && process.env['CI'] !== '' && process.env['CI'] !== 'false';
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SKIP_NOTE = `skipped: no browser at ${CHROMIUM} (install with: apt-get update && apt-get install -y chromium)`;

if (!hasBrowser && !inCi) console.warn(`[test/report/browser] HTML report browser tests ${SKIP_NOTE}`);

describe('browser prerequisites', () => {
  it.runIf(inCi && !hasBrowser)('CI has Chromium for the HTML report tests', () => {
    throw new Error(`CI is set but ${CHROMIUM} does not exist: the HTML report browser tests cannot run. Install it in .ci/run with: apt-get update && apt-get install -y chromium`);
  });
  it.runIf(hasBrowser || !inCi)('has Chromium or is allowed to skip', () => {
    expect(hasBrowser || !inCi).toBe(true);
  });
});

interface Opened {
  page: Page;
  url: string;
  requests: string[];
  consoleErrors: string[];
  pageErrors: string[];
  dialogs: string[];
}

describe.skipIf(!hasBrowser)(`HTML report in Chromium${hasBrowser ? '' : ` (${SKIP_NOTE})`}`, () => {
  let browser: Browser;
  let dir: string;
  let sampleUrl: string;
  let hostileUrl: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'msht-report-'));
    const samplePath = join(dir, 'report.html');
    const hostilePath = join(dir, 'hostile.html');
    writeFileSync(samplePath, renderHtmlReport(sampleReportInput()));
    writeFileSync(hostilePath, renderHtmlReport(hostileReportInput()));
    sampleUrl = pathToFileURL(samplePath).href;
    hostileUrl = pathToFileURL(hostilePath).href;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  async function open(url: string, viewport = { width: 1200, height: 900 }): Promise<Opened> {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const opened: Opened = { page, url, requests: [], consoleErrors: [], pageErrors: [], dialogs: [] };
    page.on('request', (request) => opened.requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') opened.consoleErrors.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => opened.pageErrors.push(error.message));
    page.on('dialog', (dialog) => {
      opened.dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.addInitScript(() => {
      const violations: string[] = [];
      window['__cspViolations'] = violations;
      document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(url, { waitUntil: 'load' });
    return opened;
  }

  async function close(opened: Opened): Promise<void> {
    await opened.page.context().close();
  }

  /** Alert ids of the visible rows of the alert table, top to bottom. */
  async function visibleAlertIds(page: Page): Promise<string[]> {
    return page.$$eval('#alert-table tbody tr:not([hidden]) td:first-child a', (links) => links.map((a) => a.textContent ?? ''));
  }

  async function expectClean(opened: Opened): Promise<void> {
    expect(opened.consoleErrors).toEqual([]);
    expect(opened.pageErrors).toEqual([]);
    expect(opened.dialogs).toEqual([]);
    expect(opened.requests).toEqual([opened.url]);
    expect(await opened.page.evaluate(() => window['__cspViolations'])).toEqual([]);
  }

  it('lists the expected alerts, highest score first', async () => {
    const opened = await open(sampleUrl);
    const { page } = opened;
    expect(await visibleAlertIds(page)).toEqual([...SAMPLE_ALERT_IDS]);
    expect(await page.textContent('#alert-filter-count')).toBe('4 alerts');
    expect(await page.getAttribute('th[data-sort="score"]', 'aria-sort')).toBe('descending');
    await expectClean(opened);
    await close(opened);
  });

  it('sorts by a column when its header is clicked, and reverses on a second click', async () => {
    const opened = await open(sampleUrl);
    const { page } = opened;
    await page.click('th[data-sort="entity"] button');
    // ACC-2c9f41, ACC-5b1e07, ACC-8e3d22, CUS-4410
    expect(await visibleAlertIds(page)).toEqual(['al-81d2c7a90e5f', 'al-3f9c1e2b7d04', 'al-c04b6e19a2d8', 'al-5ea7f0339b61']);
    expect(await page.getAttribute('th[data-sort="entity"]', 'aria-sort')).toBe('ascending');
    expect(await page.getAttribute('th[data-sort="score"]', 'aria-sort')).toBe('none');
    await page.click('th[data-sort="entity"] button');
    expect(await visibleAlertIds(page)).toEqual(['al-5ea7f0339b61', 'al-c04b6e19a2d8', 'al-3f9c1e2b7d04', 'al-81d2c7a90e5f']);
    expect(await page.getAttribute('th[data-sort="entity"]', 'aria-sort')).toBe('descending');
    await page.click('th[data-sort="date"] button');
    // Raised 16, 17, 20 and 22 March.
    expect(await visibleAlertIds(page)).toEqual(['al-3f9c1e2b7d04', 'al-c04b6e19a2d8', 'al-81d2c7a90e5f', 'al-5ea7f0339b61']);
    await page.click('th[data-sort="level"] button');
    const levels = await page.$$eval('#alert-table tbody tr td:nth-child(2)', (cells) => cells.map((c) => c.textContent));
    expect(levels).toEqual(['high', 'high', 'review', 'review']);
    await page.click('th[data-sort="score"] button');
    expect(await visibleAlertIds(page)).toEqual([...SAMPLE_ALERT_IDS]);
    // Keyboard users sort too: the header is a button.
    await page.focus('th[data-sort="typology"] button');
    await page.keyboard.press('Enter');
    expect(await page.getAttribute('th[data-sort="typology"]', 'aria-sort')).toBe('ascending');
    await expectClean(opened);
    await close(opened);
  });

  it('filters the table as the analyst types', async () => {
    const opened = await open(sampleUrl);
    const { page } = opened;
    await page.fill('#alert-filter', 'wages');
    expect(await visibleAlertIds(page)).toEqual(['al-81d2c7a90e5f']);
    expect(await page.textContent('#alert-filter-count')).toBe('1 of 4 alerts shown');
    await page.fill('#alert-filter', 'ACC-8E3D22');
    expect(await visibleAlertIds(page)).toEqual(['al-c04b6e19a2d8']);
    await page.fill('#alert-filter', 'high lodging');
    expect(await visibleAlertIds(page)).toEqual(['al-3f9c1e2b7d04']);
    await page.fill('#alert-filter', 'no such thing');
    expect(await visibleAlertIds(page)).toEqual([]);
    await page.fill('#alert-filter', '');
    expect(await visibleAlertIds(page)).toEqual([...SAMPLE_ALERT_IDS]);
    await expectClean(opened);
    await close(opened);
  });

  it('links each table row to its alert section', async () => {
    const opened = await open(sampleUrl);
    const { page } = opened;
    await page.click('#alert-table a[href="#alert-al-c04b6e19a2d8"]');
    expect(await page.evaluate(() => location.hash)).toBe('#alert-al-c04b6e19a2d8');
    expect(await page.isVisible('#alert-al-c04b6e19a2d8 h2')).toBe(true);
    await expectClean(opened);
    await close(opened);
  });

  it('renders every alert timeline as a non-empty SVG with highlighted transactions and shaded windows', async () => {
    const opened = await open(sampleUrl);
    const { page } = opened;
    for (const id of SAMPLE_ALERT_IDS) {
      const svg = page.locator(`#alert-${id} svg.timeline`);
      const box = await svg.boundingBox();
      expect(box, id).not.toBeNull();
      expect(box!.width).toBeGreaterThan(400);
      expect(box!.height).toBeGreaterThan(150);
      expect(await svg.locator('g.tx circle').count()).toBeGreaterThan(0);
      expect(await svg.locator('g.tx.contributing circle').count()).toBeGreaterThan(0);
      expect(await svg.locator('g.tx line').count()).toBeGreaterThan(0);
      expect(await svg.locator('g.window rect').count()).toBeGreaterThanOrEqual(2);
    }
    // The pop-up operation counted 8 hotel stays and 5 advertising payments.
    expect(await page.locator('#alert-al-3f9c1e2b7d04 svg.timeline g.tx.contributing').count()).toBe(13);
    // The circles are actually painted, not zero-sized.
    const circle = await page.locator('#alert-al-3f9c1e2b7d04 svg.timeline g.tx.contributing circle').first().boundingBox();
    expect(circle!.width).toBeGreaterThan(4);
    await expectClean(opened);
    await close(opened);
  });

  it('prints on A4 with each alert on its own page and the filter hidden', async () => {
    const opened = await open(sampleUrl);
    const { page } = opened;
    await page.emulateMedia({ media: 'print' });
    expect(await page.$eval('.filter', (el) => getComputedStyle(el).display)).toBe('none');
    const breaks = await page.$$eval('section.alert', (sections) => sections.map((s) => getComputedStyle(s).breakBefore));
    expect(breaks).toEqual(['page', 'page', 'page', 'page']);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    // Summary and table, one page or more per alert, the appendix.
    expect(pages).toBeGreaterThanOrEqual(1 + SAMPLE_ALERT_IDS.length + 1);
    await expectClean(opened);
    await close(opened);
  });

  it('saves screenshots (test artefact and the README image)', async () => {
    const opened = await open(sampleUrl, { width: 1200, height: 1000 });
    const { page } = opened;
    const artifact = join(repoRoot, 'test/artifacts/report.png');
    mkdirSync(dirname(artifact), { recursive: true });
    await page.screenshot({ path: artifact, fullPage: true });
    expect(statSync(artifact).size).toBeGreaterThan(10_000);

    // README image: the first alert's score, timeline and first indicator. Written into docs/ only with
    // UPDATE_SCREENSHOT=1, so an ordinary test run leaves the working tree clean.
    const readme = process.env.UPDATE_SCREENSHOT === '1' ? join(repoRoot, 'docs/report-screenshot.png') : join(repoRoot, 'test/artifacts/report-readme.png');
    mkdirSync(dirname(readme), { recursive: true });
    await page.fill('#alert-filter', '');
    const top = await page.locator('#alerts').boundingBox();
    const firstReason = await page.locator('#alert-al-3f9c1e2b7d04 article.reason').first().boundingBox();
    const alertBox = await page.locator('#alert-al-3f9c1e2b7d04').boundingBox();
    expect(top).not.toBeNull();
    expect(firstReason).not.toBeNull();
    await page.screenshot({
      path: readme,
      fullPage: true,
      clip: { x: alertBox!.x - 12, y: alertBox!.y - 12, width: alertBox!.width + 24, height: firstReason!.y + firstReason!.height - alertBox!.y + 24 },
    });
    const size = statSync(readme).size;
    expect(size).toBeGreaterThan(10_000);
    expect(size).toBeLessThan(300_000);
    await expectClean(opened);
    await close(opened);
  });

  it('does not execute any planted payload', async () => {
    const opened = await open(hostileUrl);
    const { page } = opened;
    // Give any onerror/onload handler a chance to run.
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => window['__xss'])).toBeUndefined();
    expect(opened.dialogs).toEqual([]);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(2);
    const handlers = await page.evaluate(() =>
      Array.from(document.querySelectorAll('*')).flatMap((el) => Array.from(el.attributes).filter((a) => a.name.toLowerCase().startsWith('on')).map((a) => `${el.tagName} ${a.name}`)),
    );
    expect(handlers).toEqual([]);
    const hrefs = await page.$$eval('a[href]', (links) => links.map((a) => a.getAttribute('href') ?? ''));
    for (const href of hrefs) expect(href.startsWith('#') || href.startsWith('https://') || href.startsWith('http://')).toBe(true);
    // The payloads are visible to the analyst as text, not swallowed.
    expect(await page.title()).toContain('<script>');
    expect(await page.textContent('body')).toContain('onerror=');
    // The table still works with hostile ids.
    expect((await visibleAlertIds(page)).length).toBe(4);
    await page.fill('#alert-filter', 'onerror');
    expect((await visibleAlertIds(page)).length).toBe(1);
    await expectClean(opened);
    await close(opened);
  });
});
