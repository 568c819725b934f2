import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCase } from '../src/server/testing/builders.ts';
import { expectAccessible, screenshot } from './browser.ts';
import { type E2E, startE2E } from './support.ts';

/** A signed-in page, past the sign-in redirect (the header's Help menu only shows once signed in). */
async function signedIn(
  e: E2E,
  email: string,
  opts: { width?: number; colorScheme?: 'light' | 'dark' } = {},
) {
  const { page } = await e.newPage({ email, ...opts });
  await page.getByRole('button', { name: 'Help' }).waitFor();
  return page;
}

/** The case numbers of the table's rows, in order, once the list has settled. */
async function caseNumbers(page: Page): Promise<string[]> {
  const table = page.locator('table[aria-busy="false"]');
  if ((await table.count()) === 0) return [];
  return table.locator('tbody tr td:first-child a').allTextContents();
}

const numbersSoon = (page: Page) => expect.poll(() => caseNumbers(page), { timeout: 10_000 });
const sorted = (page: Page) => expect.poll(async () => (await caseNumbers(page)).sort(), { timeout: 10_000 });

async function pick(page: Page, label: string, option: string) {
  // from the keyboard: once a value is chosen, its pill covers the middle of the input
  await page.getByRole('combobox', { name: label, exact: true }).focus();
  await page.keyboard.press('ArrowDown');
  await page.getByRole('option', { name: option, exact: true }).click();
  await page.keyboard.press('Escape');
}

describe('e2e: My cases', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(() => e.close());

  it('opens on My open cases and filters, searches and sorts with the state in the URL', async () => {
    const page = await signedIn(e, 'bob@acme.example');
    await page.goto('/cases');
    await page.getByRole('heading', { name: 'My cases', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'My open cases', level: 2 }).waitFor();
    // bob's open and pending demo cases, not his solved one
    await sorted(page).toEqual(['00010001', '00010002']);
    await page.getByText('2 cases', { exact: true }).waitFor();
    expect(await page.getByRole('tab', { name: 'All account cases' }).count()).toBe(0);

    // open → all
    await page.getByText('All cases', { exact: true }).click();
    await page.getByRole('heading', { name: 'All my cases' }).waitFor();
    await sorted(page).toEqual(['00010001', '00010002', '00010003']);
    expect(page.url()).toContain('status=all');

    // status filter (multi)
    await pick(page, 'Status', 'Solved');
    await numbersSoon(page).toEqual(['00010003']);
    await pick(page, 'Status', 'Open');
    await sorted(page).toEqual(['00010001', '00010003']);
    await page.getByRole('button', { name: 'Clear filters and search' }).click();
    await sorted(page).toEqual(['00010001', '00010002', '00010003']);

    // priority filter, kept on reload
    await pick(page, 'Priority', 'P2 High');
    await numbersSoon(page).toEqual(['00010001']);
    expect(page.url()).toContain('priority=P2');
    await page.reload();
    await numbersSoon(page).toEqual(['00010001']);
    await page.getByText('P2 High', { exact: true }).first().waitFor();
    await page.getByRole('button', { name: 'Clear filters and search' }).click();

    // search by number (Enter) and by text (Enter, then typed only: debounced)
    const box = page.getByRole('searchbox', { name: /^Search cases/ });
    await box.fill('10002');
    await box.press('Enter');
    await numbersSoon(page).toEqual(['00010002']);
    await box.fill('certificate rollover');
    await box.press('Enter');
    await numbersSoon(page).toEqual(['00010001']);
    await box.fill('rate limits');
    await numbersSoon(page).toEqual(['00010003']);
    expect(decodeURIComponent(page.url().replace(/\+/g, ' '))).toContain('q=rate limits');
    await box.fill('no case says this');
    await box.press('Enter');
    await page.getByText('No cases match these filters and search.').waitFor();
    await page.getByRole('button', { name: 'Clear filters and search' }).first().click();
    await sorted(page).toEqual(['00010001', '00010002', '00010003']);
    expect(await box.inputValue()).toBe('');

    // sort by case number, both ways (button in the th, aria-sort on the th)
    const numberHeader = page.getByRole('columnheader', { name: 'Case', exact: true });
    await numberHeader.getByRole('button').click();
    await numbersSoon(page).toEqual(['00010003', '00010002', '00010001']);
    expect(await numberHeader.getAttribute('aria-sort')).toBe('descending');
    await numberHeader.getByRole('button').click();
    await numbersSoon(page).toEqual(['00010001', '00010002', '00010003']);
    expect(await numberHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(page.url()).toMatch(/sort=number/);
    expect(page.url()).toMatch(/order=asc/);
    // Back undoes the last sort; reload keeps the state
    await page.goBack();
    await numbersSoon(page).toEqual(['00010003', '00010002', '00010001']);
    await page.reload();
    await numbersSoon(page).toEqual(['00010003', '00010002', '00010001']);
    expect(
      await page.getByRole('columnheader', { name: 'Case', exact: true }).getAttribute('aria-sort'),
    ).toBe('descending');

    // the number links to the case page
    await page.getByRole('link', { name: '00010002' }).click();
    await page.waitForURL(/\/cases\/00010002$/);
  }, 90_000);

  it('says what to do when there are no open cases', async () => {
    const page = await signedIn(e, 'alice@acme.example');
    await page.goto('/cases');
    await page.getByText('No open cases.', { exact: true }).waitFor();
    const empty = page.locator('.mantine-Paper-root', { hasText: 'No open cases.' });
    expect(await empty.getByRole('link', { name: 'Open a case' }).getAttribute('href')).toBe('/cases/new');
    await expectAccessible(page, 'My cases, empty');
    await empty.getByRole('button', { name: 'Show solved and closed cases too' }).click();
    await numbersSoon(page).toEqual(['00010005']);
  });

  it('gives dave (an Elevated Support Contact) All account cases: bob, alice and dave, never Globex', async () => {
    const page = await signedIn(e, 'dave@acme.example');
    await page.goto('/cases');
    await page.getByRole('tab', { name: 'My cases', selected: true }).waitFor();
    await sorted(page).toEqual(['00010004']);
    await page.getByRole('tab', { name: 'All account cases' }).click();
    await page.getByRole('heading', { name: 'Open account cases' }).waitFor();
    expect(page.url()).toContain('view=account');
    await sorted(page).toEqual(['00010001', '00010002', '00010004']);
    await page.getByText('All cases', { exact: true }).click();
    await sorted(page).toEqual(['00010001', '00010002', '00010003', '00010004', '00010005']);
    const table = page.getByRole('table', { name: 'All account cases' });
    const openers = await table.locator('tbody tr td:nth-child(6)').allTextContents();
    expect(new Set(openers)).toEqual(new Set(['Bob Brandt', 'Alice Anders', 'Dave Diaz']));
    // Globex's cases never show, not even when searched for
    const box = page.getByRole('searchbox', { name: /^Search cases/ });
    await box.fill('AD agent');
    await box.press('Enter');
    await page.getByText('No cases match these filters and search.').waitFor();
    await box.fill('10006');
    await box.press('Enter');
    await page.getByText('No cases match these filters and search.').waitFor();
    await box.fill('');
    await box.press('Enter');
    await sorted(page).toEqual(['00010001', '00010002', '00010003', '00010004', '00010005']);
    await expectAccessible(page, 'All account cases');
    await page.reload();
    await page.getByRole('tab', { name: 'All account cases', selected: true }).waitFor();
    await screenshot(page, 'my-cases-account-view');
  });

  it('does not give bob the All account cases view, even by URL', async () => {
    const page = await signedIn(e, 'bob@acme.example');
    await page.goto('/cases?view=account&status=all');
    await page.getByText('Showing your own cases').waitFor();
    await sorted(page).toEqual(['00010001', '00010002', '00010003']);
    expect(await page.getByRole('tab').count()).toBe(0);
    expect(await page.getByRole('columnheader', { name: 'Opened by' }).count()).toBe(0);
  });

  it('shows carol (no Case Admin) why the list is closed to her', async () => {
    const page = await signedIn(e, 'carol@acme.example');
    await page.goto('/cases');
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/Case Admin/);
    expect(await page.getByRole('table').count()).toBe(0);
  });

  it('shows a failed load and recovers with Try again', async () => {
    const page = await signedIn(e, 'bob@acme.example');
    const fail = (route: import('playwright-core').Route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'unavailable', message: 'The database is not reachable.' } }),
      });
    const list = (url: URL) => url.pathname === '/api/v1/cases';
    await page.route(list, fail);
    await page.goto('/cases');
    const alert = page.getByRole('alert').filter({ hasText: 'The cases could not be loaded' });
    await expect(alert.textContent()).resolves.toMatch(/The database is not reachable/);
    await page.unroute(list, fail);
    await alert.getByRole('button', { name: 'Try again' }).click();
    await sorted(page).toEqual(['00010001', '00010002']);
    expect(await alert.count()).toBe(0);
  }, 60_000);

  it('paginates 25 a page, and the page survives a reload', async () => {
    const bob = await e.h.actor('bob@acme.example');
    for (let i = 0; i < 30; i++) await makeCase(e.h.ctx, bob);
    const page = await signedIn(e, 'bob@acme.example');
    await page.goto('/cases');
    await page.getByText('32 cases · page 1 of 2').waitFor();
    await expect.poll(async () => (await caseNumbers(page)).length).toBe(25);
    await page
      .getByRole('navigation', { name: 'Pages of cases' })
      .getByRole('button', { name: 'Page 2' })
      .click();
    await page.getByText('32 cases · page 2 of 2').waitFor();
    await expect.poll(async () => (await caseNumbers(page)).length).toBe(7);
    expect(page.url()).toContain('page=2');
    await page.reload();
    await expect.poll(async () => (await caseNumbers(page)).length).toBe(7);
    expect(await page.getByRole('button', { name: 'Page 2' }).getAttribute('aria-current')).toBe('page');
    // a filter starts again at page 1
    await pick(page, 'Priority', 'P3 Medium');
    await page.getByText(/^\d+ cases · page 1 of 2$/).waitFor();
    expect(page.url()).toContain('page=1');
    expect(await page.getByRole('button', { name: 'Previous page' }).isDisabled()).toBe(true);
  }, 90_000);

  it('is accessible in the light and dark themes and usable at 375 px', async () => {
    const light = await signedIn(e, 'bob@acme.example');
    await light.goto('/cases');
    await expect.poll(async () => (await caseNumbers(light)).length).toBe(25);
    await expectAccessible(light, 'My cases, light');
    await screenshot(light, 'my-cases-light');

    const dark = await signedIn(e, 'bob@acme.example', { colorScheme: 'dark' });
    await dark.goto('/cases?status=all&sort=number&order=asc');
    await numbersSoon(dark).toEqual(expect.arrayContaining(['00010001', '00010002', '00010003']));
    await expectAccessible(dark, 'My cases, dark');
    await screenshot(dark, 'my-cases-dark');

    const phone = await signedIn(e, 'bob@acme.example', { width: 375, colorScheme: 'dark' });
    await phone.goto('/cases?status=all&sort=number&order=asc');
    // a card list instead of the table, with a sort select in place of the column headers
    await phone.getByRole('link', { name: '00010001' }).waitFor();
    expect(await phone.getByRole('table').isVisible()).toBe(false);
    await phone.getByRole('combobox', { name: 'Sort by', exact: true }).waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(phone, 'My cases at 375 px, dark');
    await screenshot(phone, 'my-cases-375-dark');
  }, 90_000);
});
