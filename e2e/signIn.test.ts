import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, screenshot } from './browser.ts';
import { type E2E, signInThroughPage, startE2E } from './support.ts';

describe('e2e: sign-in, home and the Help menu', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(() => e.close());

  it('signs bob in and shows the Support Center with the Help menu', async () => {
    const { page } = await e.newPage();
    await page.goto('/');
    await page.waitForURL(/\/sign-in/);
    await expectAccessible(page, 'sign-in page');
    await screenshot(page, 'sign-in');
    await page.getByLabel(/^Email/).fill('bob@acme.example');
    await page.getByLabel(/^Password/).fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/email or password is not right/);
    await page.getByLabel(/^Password/).fill('casebook-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Support Center', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Open a Case' }).waitFor();
    await page.getByRole('heading', { name: 'Recent cases' }).waitFor();
    await expectAccessible(page, 'home page');
    await screenshot(page, 'home');

    await page.getByRole('button', { name: 'Help' }).click();
    for (const item of ['Support Center', 'Open a case', 'My cases', 'Search the knowledge base']) {
      await page.getByRole('menuitem', { name: item }).waitFor();
    }
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /Bob Brandt/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);
  });

  it('brings a signed-out deep link back to its page after sign-in', async () => {
    const { page } = await e.newPage();
    await page.goto('/cases?status=all');
    await page.waitForURL(/\/sign-in\?redirect=/);
    await page.getByLabel(/^Email/).fill('bob@acme.example');
    await page.getByLabel(/^Password/).fill('casebook-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/cases\?status=all/);
  });

  it('tells carol plainly that she lacks the Case Admin permission', async () => {
    const { page } = await e.newPage({ email: 'carol@acme.example' });
    const alert = page.getByRole('alert');
    await expect(alert.textContent()).resolves.toMatch(/Case Admin/);
    await expectAccessible(page, 'home without Case Admin');
  });

  it('is usable at 375 px wide and in the dark theme', async () => {
    const { page } = await e.newPage({ email: 'bob@acme.example', width: 375, colorScheme: 'dark' });
    await page.getByRole('link', { name: 'Open a Case' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'home at 375 px, dark');
    await screenshot(page, 'home-375-dark');
  });

  it('serves deep links on reload and unknown pages as the app', async () => {
    const { page } = await e.newPage({ email: 'bob@acme.example' });
    await page.goto('/no/such/page');
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    const res = await fetch(`${e.baseUrl}/api/v1/nope`);
    expect(res.status).toBe(404);
    await signInThroughPage(page, 'bob@acme.example');
  });
});
