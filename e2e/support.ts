import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TestDialect } from '../src/server/testing/databases.ts';
import { createHarness, type Harness } from '../src/server/testing/harness.ts';
import { launchBrowser } from './browser.ts';

/** A real server on a temporary database, serving the built web app, and a real Chromium. */
export interface E2E {
  h: Harness;
  baseUrl: string;
  browser: Browser;
  /** a new browser context (own cookies and storage), optionally signed in through the sign-in page */
  newPage(opts?: {
    email?: string;
    width?: number;
    colorScheme?: 'light' | 'dark';
  }): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

export async function startE2E(dialect: TestDialect = 'sqlite'): Promise<E2E> {
  const h = await createHarness(dialect);
  // The browser runs in real time: move the harness clock back to the wall clock.
  h.clock.set(new Date());
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  const address = h.app.server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = await launchBrowser();
  const contexts: BrowserContext[] = [];
  return {
    h,
    baseUrl,
    browser,
    async newPage(opts = {}) {
      const context = await browser.newContext({
        baseURL: baseUrl,
        viewport: { width: opts.width ?? 1280, height: 900 },
        colorScheme: opts.colorScheme ?? 'light',
        timezoneId: 'Europe/Berlin',
        locale: 'en-US',
      });
      contexts.push(context);
      const page = await context.newPage();
      if (opts.email) await signInThroughPage(page, opts.email);
      return { context, page };
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await h.close();
    },
  };
}

export async function signInThroughPage(
  page: Page,
  email: string,
  password = 'casebook-demo',
): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel(/^Email/).fill(email);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // customers land on the Support Center home, staff in the support console
  await page.getByRole('heading', { name: /^(Support Center|Support console)$/, level: 1 }).waitFor();
}
