import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { expectAccessible, screenshot } from './browser.ts';
import { type E2E, startE2E } from './support.ts';

/** The figure of a key-figure card, by its label (a description list: dt, then dd). */
const keyFigure = (page: Page, label: string) =>
  page
    .locator('dl > div')
    .filter({ has: page.locator('dt', { hasText: label }) })
    .locator('dd')
    .first();

// Many steps per test, and other suites may load the machine: a minute per test, 15 s per wait.
describe('e2e: the support dashboard (/console/dashboard)', { timeout: 60_000 }, () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(() => e.close());

  async function newPage(opts: Parameters<E2E['newPage']>[0]) {
    const r = await e.newPage(opts);
    r.page.setDefaultTimeout(15_000);
    onTestFailed(async ({ task }) => {
      await screenshot(r.page, `dashboard-failed-${task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(
        () => undefined,
      );
    });
    return r.page;
  }

  it('shows mia the demo data as charts, with the numbers as text and tables, accessibly', async () => {
    const page = await newPage({ email: 'mia@support.example' });
    await page.getByRole('button', { name: /Mia/ }).click();
    await page.getByRole('menuitem', { name: 'Dashboard', exact: true }).click();
    await page.waitForURL(/\/console\/dashboard/);
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();

    // The demo data: five cases new, open or pending customer (SPEC §12).
    await expect.poll(() => keyFigure(page, 'Open cases').textContent()).toBe('5');
    for (const chart of [
      'Open cases by priority',
      'Open cases by age',
      'First-response SLA attainment by plan',
      'Backlog by queue',
    ]) {
      const svg = page.locator(`[data-chart="${chart}"] svg.recharts-surface`).first();
      await svg.waitFor();
      // drawn: bars or a line inside the chart's SVG
      await expect
        .poll(() =>
          page
            .locator(
              `[data-chart="${chart}"] .recharts-bar-rectangle, [data-chart="${chart}"] .recharts-line-curve`,
            )
            .count(),
        )
        .toBeGreaterThan(0);
    }
    // No case form in the demo data: the deflection chart says so instead of drawing an empty line.
    await page.getByText('No case form ended in this period.').waitFor();
    // Every chart in words.
    await page.getByText('5 open cases: P1 0, P2 2, P3 2, P4 1.').waitFor();

    // The numbers as a table, behind a disclosure button.
    const priority = page.getByRole('region', { name: 'Open cases by priority' });
    await priority.getByRole('button', { name: 'Show the numbers' }).click();
    const table = priority.getByRole('table', { name: 'Open cases by priority' });
    await table.waitFor();
    await expect.poll(() => table.getByRole('row', { name: 'P2 2' }).count()).toBe(1);
    await expect(
      priority.getByRole('button', { name: 'Hide the numbers' }).getAttribute('aria-expanded'),
    ).resolves.toBe('true');

    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'dashboard-mia');
    await expectAccessible(page, 'dashboard, light');
  });

  it('narrows to a plan from the filter, in the URL (dark scheme)', async () => {
    const page = await newPage({ email: 'mia@support.example', colorScheme: 'dark' });
    await page.goto('/console/dashboard?range=7d');
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await expect.poll(() => keyFigure(page, 'Open cases').textContent()).toBe('5');
    await page.getByRole('combobox', { name: 'Plan', exact: true }).click();
    await page.getByRole('option', { name: 'Gold', exact: true }).click();
    await expect.poll(() => page.url()).toMatch(/plan=gold/);
    // Acme (gold): open, pending customer and new.
    await expect.poll(() => keyFigure(page, 'Open cases').textContent()).toBe('3');
    await page.getByText('90 days', { exact: true }).click();
    await expect.poll(() => page.url()).toMatch(/range=90d/);
    await page
      .getByText(/share answered in time/)
      .first()
      .waitFor();
    await expect
      .poll(() =>
        page.getByText('Cases whose first response was due in each week: share answered in time.').count(),
      )
      .toBe(1);
    await screenshot(page, 'dashboard-gold-90-days-dark');
    await expectAccessible(page, 'dashboard, weekly, gold, dark');
  });

  it('tells an engineer the dashboard is for managers', async () => {
    const page = await newPage({ email: 'sam@support.example' });
    await page.goto('/console/dashboard');
    await page.getByText('The dashboard is for support managers and administrators').waitFor();
    await expect(page.locator('svg.recharts-surface').count()).resolves.toBe(0);
    await expectAccessible(page, 'dashboard, engineer');
  });
});
