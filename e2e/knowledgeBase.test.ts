import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { createKbEntryCommand } from '../src/server/kb/kbCommands.ts';
import { makeCase } from '../src/server/testing/builders.ts';
import { expectAccessible, screenshot } from './browser.ts';
import { type E2E, startE2E } from './support.ts';

/** The demo entry that answers "pasword reset" (kb/demo/community-pasword-reset-link-expired.md). */
const ENTRY_TITLE = 'Password reset link says it has expired';

// Many steps per test, and other suites may load the machine: a minute per test, 15 s per wait.
describe('e2e: the knowledge base pages', { timeout: 60_000 }, () => {
  let e: E2E;
  let draftId: string;

  beforeAll(async () => {
    e = await startE2E();
    const root = await e.h.actor('root@support.example');
    const draft = await createKbEntryCommand(e.h.ctx, root, {
      title: 'Unreleased: passkeys for every user',
      body: 'Not published yet.',
      kind: 'kb_article',
      issueAreas: [],
      tags: [],
      status: 'draft',
    });
    draftId = draft.id;
  });
  afterAll(() => e.close());

  /** A signed-in page whose waits fail (with the locator named) well before the test times out. */
  async function newPage(opts: Parameters<E2E['newPage']>[0]) {
    e.h.clock.set(new Date());
    const r = await e.newPage(opts);
    r.page.setDefaultTimeout(15_000);
    onTestFailed(async ({ task }) => {
      await shot(r.page, `kb-failed-${task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => undefined);
    });
    return r.page;
  }

  /** A full-page screenshot from the top (the header is sticky). */
  async function shot(page: Page, name: string) {
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, name);
  }

  const searchBox = (page: Page) => page.getByRole('searchbox', { name: /^Search the knowledge base/ });
  const results = (page: Page) => page.getByRole('list', { name: 'Results' });

  /** Searches from the knowledge base page and waits for the link to the demo entry. */
  async function searchFor(page: Page, q: string) {
    await searchBox(page).fill(q);
    await results(page).getByRole('link', { name: ENTRY_TITLE }).waitFor();
  }

  it('takes bob from Help to a search, to the entry, and on to a new case', async () => {
    const page = await newPage({ email: 'bob@acme.example' });
    await page.getByRole('button', { name: 'Help' }).click();
    await page.getByRole('menuitem', { name: 'Search the knowledge base' }).click();
    await page.waitForURL(/\/kb$/);
    await page.getByRole('heading', { level: 1, name: 'Knowledge base' }).waitFor();
    // the empty page says what it is for, and points to My cases for searching cases
    await page.getByText('Type what you are looking for to search the knowledge base.').waitFor();
    await page.getByRole('link', { name: 'My cases', exact: true }).last().waitFor();
    await expect.poll(() => searchBox(page).evaluate((el) => el === document.activeElement)).toBe(true);
    await expectAccessible(page, 'knowledge base search, empty, light');

    // as-you-type (with a typo): the demo entry, its kind, the matched words marked; the query in the URL
    await searchBox(page).pressSequentially('pasword reset');
    const link = results(page).getByRole('link', { name: ENTRY_TITLE });
    await link.waitFor();
    await page.waitForURL(/\/kb\?q=pasword(\+|%20)reset$/);
    const item = results(page).getByRole('listitem').filter({ hasText: ENTRY_TITLE });
    await item.getByText('Community question').waitFor();
    await item.locator('mark').first().waitFor();
    await expect(page.getByRole('status').first().textContent()).resolves.toMatch(
      /(\d+ entries match|The \d+ best matches for) “pasword reset”/,
    );
    await expectAccessible(page, 'knowledge base search, results, light');
    await shot(page, 'kb-search');

    await link.click();
    await page.waitForURL(/\/kb\/[^/?]+$/);
    await page.getByRole('heading', { level: 1, name: ENTRY_TITLE }).waitFor();
    const body = page.getByRole('article', { name: ENTRY_TITLE });
    // the Markdown body: "## Accepted answer" as a section heading, bold text, a list
    await body.getByRole('heading', { level: 2, name: 'Accepted answer' }).waitFor();
    await body.locator('strong', { hasText: 'Security > Authenticators' }).waitFor();
    await expect(body.getByRole('listitem').count()).resolves.toBeGreaterThanOrEqual(2);
    await page.getByText('Passwords and account recovery').waitFor();
    await page.getByText('expired', { exact: true }).waitFor();
    const original = page.getByRole('link', { name: /^View the original/ });
    await expect(original.getAttribute('href')).resolves.toBe(
      'https://help.identity-cloud.example/community/community-pasword-reset-link-expired',
    );
    await expect(original.getAttribute('rel')).resolves.toBe('noopener noreferrer');
    await expect(original.getAttribute('target')).resolves.toBe('_blank');
    await expectAccessible(page, 'knowledge base entry, light');
    await shot(page, 'kb-entry');

    // Back returns to the same search
    await page.goBack();
    await expect.poll(() => searchBox(page).inputValue()).toBe('pasword reset');
    await results(page).getByRole('link', { name: ENTRY_TITLE }).click();

    await page.getByText('Did this not answer your question?').waitFor();
    await page.getByRole('link', { name: 'Open a case' }).last().click();
    await page.waitForURL(/\/cases\/new/);
    await page.getByRole('heading', { level: 1, name: /Open a case/i }).waitFor();
  });

  it('is accessible in dark, and the entry at 375 px without sideways scrolling', async () => {
    const dark = await newPage({ email: 'bob@acme.example', colorScheme: 'dark' });
    await dark.goto('/kb?q=pasword%20reset');
    await results(dark).getByRole('link', { name: ENTRY_TITLE }).waitFor();
    await expectAccessible(dark, 'knowledge base search, dark');
    await shot(dark, 'kb-search-dark');
    await results(dark).getByRole('link', { name: ENTRY_TITLE }).click();
    await dark.getByRole('heading', { level: 1, name: ENTRY_TITLE }).waitFor();
    await expectAccessible(dark, 'knowledge base entry, dark');
    await shot(dark, 'kb-entry-dark');

    const phone = await newPage({ email: 'bob@acme.example', width: 375 });
    await phone.goto(dark.url().replace(/^https?:\/\/[^/]+/, ''));
    await phone.getByRole('heading', { level: 1, name: ENTRY_TITLE }).waitFor();
    await expectAccessible(phone, 'knowledge base entry, 375 px');
    const overflow = await phone.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(phone, 'kb-entry-375');
  });

  it('says what to do when nothing matches, and keeps the issue area in the URL', async () => {
    const page = await newPage({ email: 'bob@acme.example' });
    await page.goto('/kb?q=zqxwv%20plomb');
    await page.getByText('No entries match “zqxwv plomb”.', { exact: true }).last().waitFor();
    await page.getByText(/Try fewer words/).waitFor();
    await page.getByRole('link', { name: 'Open a case' }).waitFor();
    await expectAccessible(page, 'knowledge base search, no results');

    // the issue area ranks its entries first and lands in the URL; the select offers two levels
    await page.goto('/kb');
    const area = page.getByRole('combobox', { name: /^Issue area/ });
    await area
      .locator('optgroup[label="Sign-on and authentication"] option', { hasText: 'Passwords' })
      .waitFor({
        state: 'attached',
      });
    await area.selectOption('passwords');
    await page.waitForURL(/issueArea=passwords/);
    await searchFor(page, 'reset link');
    expect(page.url()).toMatch(/q=reset(\+|%20)link/);
    await page.reload();
    await expect.poll(() => area.inputValue()).toBe('passwords');
    await expect.poll(() => searchBox(page).inputValue()).toBe('reset link');
  });

  it('shows "Article not found" for an unknown entry and for a draft, but staff read drafts', async () => {
    const page = await newPage({ email: 'bob@acme.example' });
    await page.goto('/kb/no-such-entry');
    await page.getByRole('heading', { level: 1, name: 'Article not found' }).waitFor();
    await page.getByRole('link', { name: 'Search the knowledge base' }).last().waitFor();
    await page.goto(`/kb/${draftId}`);
    await page.getByRole('heading', { level: 1, name: 'Article not found' }).waitFor();
    await expectAccessible(page, 'knowledge base entry not found');

    const staff = await newPage({ email: 'sam@support.example' });
    await staff.goto(`/kb/${draftId}`);
    await staff.getByRole('heading', { level: 1, name: 'Unreleased: passkeys for every user' }).waitFor();
    await staff.getByText('Draft: not visible to customers').waitFor();
  });

  it("links the case page's related articles to the entries' pages", async () => {
    const bob = await e.h.actor('bob@acme.example');
    const { number } = await makeCase(e.h.ctx, bob, { subject: 'Password reset link expired too soon' });
    const page = await newPage({ email: 'bob@acme.example' });
    await page.goto(`/cases/${number}`);
    const related = page.getByRole('region', { name: 'Related articles' });
    await related.getByLabel(/^Find an article/).fill('pasword reset');
    await related.getByRole('link', { name: ENTRY_TITLE }).click();
    await page.waitForURL(/\/kb\/[^/?]+$/);
    await page.getByRole('heading', { level: 1, name: ENTRY_TITLE }).waitFor();
    await page.goBack();
    await page
      .getByRole('region', { name: 'Related articles' })
      .getByRole('link', { name: 'Search the whole knowledge base' })
      .click();
    await page.waitForURL(/\/kb\?q=/);
    await results(page).getByRole('link').first().waitFor();
  });
});
