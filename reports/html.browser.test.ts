import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixture } from './fixtures/load.test-helpers.js';
import { renderHtml } from './html.js';

// The HTML report in a real browser: Debian's chromium (installed by
// scripts/setup-chromium.sh from `npm test`'s pretest), driven by playwright-core.
const CHROMIUM = process.env.AGENTCHECK_CHROMIUM ?? '/usr/bin/chromium';
const fixture = loadFixture();

describe('the HTML report in chromium', () => {
  let browser: Browser;
  const out = resolve('.agentcheck', 'html-report');
  const file = join(out, 'report.html');

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`no chromium at ${CHROMIUM}: run scripts/setup-chromium.sh (npm test runs it first)`);
    mkdirSync(out, { recursive: true });
    writeFileSync(file, renderHtml(fixture));
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens from file:// with no console error and no request beyond the file, filters, and draws a failing case\'s timeline', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 1400 } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && problems.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href);

    await expect.poll(() => page.locator('.level').first().textContent()).toBe(fixture.scorecard.level);
    const failing = fixture.cases.filter((c) => c.verdict === 'fail' || c.verdict === 'unknown').length;
    // Failing cases are listed first by default; the others are a filter away.
    expect(await page.locator('#f-shown').textContent()).toBe(`${failing} of ${fixture.cases.length} cases`);
    await page.selectOption('#f-verdict', 'all');
    expect(await page.locator('details.case:visible').count()).toBe(fixture.cases.length);
    await page.selectOption('#f-verdict', 'bad');

    const bad = fixture.cases.find((c) => c.verdict === 'fail' && c.timeline?.effects.some((e) => e.repeated))!;
    const card = page.locator(`details.case[data-search^="${bad.id}"]`);
    await card.locator('summary').click();
    const svg = card.locator('svg.timeline');
    await expect.poll(() => svg.isVisible()).toBe(true);
    const box = await svg.boundingBox();
    expect(box!.width).toBeGreaterThan(600);
    expect(await svg.locator('g.effect').count()).toBe(bad.timeline!.effects.length);
    expect(await svg.locator('g.effect.repeated').count()).toBeGreaterThan(0);
    expect(await svg.locator('line.fault-line').count()).toBe(bad.timeline!.events.filter((e) => e.type === 'fault').length);
    expect(await card.locator('pre').textContent()).toBe(bad.repro);

    // A matrix cell filters the cases to a category and property.
    await page.locator('.matrix td.fail button').first().click();
    const shown = await page.locator('details.case:visible').count();
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThanOrEqual(failing);

    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(out, 'report.png'), fullPage: false });
    expect(problems).toEqual([]);
    expect(requests.every((u) => u.startsWith('file:'))).toBe(true);
    await page.close();
  });
});
