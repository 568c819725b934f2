import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { addComment } from '../src/server/commands/addComment.ts';
import { newId } from '../src/server/db/ids.ts';
import { createMailTransport } from '../src/server/mail/outbound/transport.ts';
import { OutboxWorker } from '../src/server/outbox/worker.ts';
import { newCaseInput } from '../src/server/testing/builders.ts';
import { expectAccessible, screenshot } from './browser.ts';
import { type E2E, startE2E } from './support.ts';

const SUBJECT = 'Mail page check: SAML assertion errors for the sales team';
const DEV_MAILBOX_LINE = 'No SMTP relay is configured (SMTP_URL); mail is kept here instead of being sent.';

// Many steps per test, and other suites may load the machine: a minute per test, 15 s per wait.
describe('e2e: the staff mail pages (/dev/mail)', { timeout: 60_000 }, () => {
  let e: E2E;
  /** the case bob opens, whose confirmation sam reads */
  let number: string;
  /** the address of that confirmation in the mail page */
  let messageUrl: string;

  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(() => e.close());

  /** A signed-in page whose waits fail (with the locator named) well before the test times out. */
  async function newPage(opts: Parameters<E2E['newPage']>[0]) {
    e.h.clock.set(new Date());
    const r = await e.newPage(opts);
    r.page.setDefaultTimeout(15_000);
    onTestFailed(async ({ task }) => {
      await shot(r.page, `mail-failed-${task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => undefined);
    });
    return r.page;
  }

  /** A full-page screenshot from the top (the header is sticky). */
  async function shot(page: Page, name: string) {
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, name);
  }

  const messageList = (page: Page) => page.getByRole('list', { name: 'Messages' });
  const message = (page: Page) => page.getByRole('region', { name: 'Message' });

  it('shows bob’s case confirmation to sam in the dev mailbox: headers, text, HTML in a sandbox', async () => {
    // bob opens a case through the API, as the case form does (session cookie + CSRF header)
    const bob = await newPage({ email: 'bob@acme.example' });
    const me = (await (await bob.request.get('/api/v1/me')).json()) as { csrfToken: string };
    const res = await bob.request.post('/api/v1/cases', {
      headers: { 'x-csrf-token': me.csrfToken },
      data: newCaseInput({ subject: SUBJECT }),
    });
    expect(res.status()).toBe(201);
    number = ((await res.json()) as { number: string }).number;
    // the mail worker delivers the outbox in-process; without SMTP_URL that is the dev mailbox
    const delivered = await new OutboxWorker(e.h.ctx, createMailTransport({ smtpUrl: undefined })).drain();
    expect(delivered).toBeGreaterThan(0);

    const sam = await newPage({ email: 'sam@support.example' });
    await sam.getByRole('button', { name: /Sam/ }).click();
    await sam.getByRole('menuitem', { name: 'Mail', exact: true }).click();
    await sam.waitForURL(/\/dev\/mail/);
    await sam.getByRole('heading', { level: 1, name: 'Mail' }).waitFor();
    await sam.getByText(DEV_MAILBOX_LINE).waitFor();

    // the case number filter lands in the URL and narrows the list to the case's mail
    await sam.getByLabel('Case number').fill(number);
    await sam.getByRole('button', { name: 'Filter' }).click();
    await sam.waitForURL(new RegExp(`case=(%22)?${number}`));
    const subject = `[Case ${number}] ${SUBJECT}`;
    const link = messageList(sam).getByRole('link', { name: subject });
    await link.waitFor();
    const item = messageList(sam)
      .getByRole('listitem')
      .filter({ has: sam.getByRole('link', { name: subject }) });
    await item.getByText('Outgoing').waitFor();
    await item.getByText('bob@acme.example').waitFor();
    await item.getByText('Kept, not sent').waitFor();
    await expect(
      item.getByRole('link', { name: `Case ${number}`, exact: true }).getAttribute('href'),
    ).resolves.toBe(`/cases/${number}`);

    await link.click();
    await sam.waitForURL(/message=/);
    messageUrl = sam.url().replace(/^https?:\/\/[^/]+/, '');
    await expect(link.getAttribute('aria-current')).resolves.toBe('page');
    const view = message(sam);
    await view.getByRole('heading', { level: 2, name: subject }).waitFor();
    // focus follows the choice, to the message's heading
    await expect.poll(() => sam.evaluate(() => document.activeElement?.textContent ?? '')).toBe(subject);
    await view.getByText('Message-ID').waitFor();
    await view
      .getByText(/^<.+@.+>$/)
      .first()
      .waitFor();
    const text = view.locator('pre');
    await expect(text.textContent()).resolves.toContain(`We received case ${number}`);
    await expect(text.evaluate((el) => getComputedStyle(el).whiteSpace)).resolves.toBe('pre-wrap');
    await expectAccessible(sam, 'mail, a message as text, light');
    await shot(sam, 'mail-text');

    // HTML only in a frame without any sandbox permission: no scripts, no same origin
    await view.getByRole('tab', { name: 'HTML' }).click();
    const frame = view.locator('iframe');
    await frame.waitFor();
    await expect(frame.getAttribute('sandbox')).resolves.toBe('');
    await expect(frame.getAttribute('title')).resolves.toBe(`HTML of “${subject}”`);
    await expect(frame.getAttribute('srcdoc')).resolves.toContain(number);
    await sam.frameLocator('iframe[sandbox=""]').getByText(`We received case ${number}`).first().waitFor();
    await expect(view.locator('pre').count()).resolves.toBe(0);
    await expectAccessible(sam, 'mail, a message as HTML, light');
    await shot(sam, 'mail-html');

    await view.getByRole('tab', { name: 'Text' }).click();
    await expect(view.locator('pre').textContent()).resolves.toContain(`We received case ${number}`);
  });

  it('is accessible in dark and at 375 px (the list above the message), and polls for new mail', async () => {
    const dark = await newPage({ email: 'sam@support.example', colorScheme: 'dark' });
    await dark.goto(messageUrl);
    await message(dark)
      .getByRole('heading', { level: 2, name: new RegExp(`Case ${number}`) })
      .waitFor();
    await expectAccessible(dark, 'mail, dark');
    await shot(dark, 'mail-dark');

    const phone = await newPage({ email: 'sam@support.example', width: 375 });
    await phone.goto(messageUrl);
    const heading = message(phone).getByRole('heading', { level: 2, name: new RegExp(`Case ${number}`) });
    await heading.waitFor();
    await expectAccessible(phone, 'mail, 375 px');
    const overflow = await phone.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    const listBox = await messageList(phone).boundingBox();
    const messageBox = await message(phone).boundingBox();
    expect(listBox && messageBox && listBox.y + listBox.height <= messageBox.y).toBe(true);
    await shot(phone, 'mail-375');

    // a new message appears without a reload (the list polls every 5 s)
    await phone.goto(`/dev/mail?case=${number}`);
    await phone.getByText('1 message', { exact: true }).waitFor();
    const sam = await e.h.actor('sam@support.example');
    await addComment(e.h.ctx, sam, number, { body: 'We are looking at the SAML errors.', internal: false });
    await new OutboxWorker(e.h.ctx, createMailTransport({ smtpUrl: undefined })).drain();
    await phone.getByText('2 messages', { exact: true }).waitFor({ timeout: 12_000 });
    await expect(messageList(phone).getByRole('listitem').count()).resolves.toBe(2);
  });

  it('tells a customer that the page is for support staff, and offers no Mail item', async () => {
    const bob = await newPage({ email: 'bob@acme.example' });
    await bob.getByRole('button', { name: /Bob/ }).click();
    await bob.getByRole('menuitem', { name: 'My cases' }).waitFor();
    await expect(bob.getByRole('menuitem', { name: 'Mail', exact: true }).count()).resolves.toBe(0);
    await bob.keyboard.press('Escape');
    await bob.goto('/dev/mail');
    await bob.getByRole('heading', { level: 1, name: 'Mail' }).waitFor();
    await bob.getByText('This page is for support staff').waitFor();
    await expect(bob.getByRole('tab').count()).resolves.toBe(0);
    await expect((await bob.request.get('/api/v1/mail/messages')).status()).toBe(403);
    await expectAccessible(bob, 'mail, customer');
  });

  it('lists a given-up notification under Delivery problems; mia retries it, sam cannot', async () => {
    const db = e.h.ctx.database.db;
    const c = await db
      .selectFrom('cases')
      .select('id')
      .where('number', '=', number)
      .executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    const id = newId(Date.now());
    await db
      .insertInto('outbox')
      .values({
        id,
        topic: 'case.status_changed',
        case_id: c.id,
        payload: '{}',
        created_at: now,
        available_at: now,
        attempts: 20,
        claimed_until: null,
        claimed_by: null,
        sent_at: null,
        last_error: 'ECONNREFUSED',
        dead_at: now,
      })
      .execute();

    // an engineer sees it, without a Retry button
    const sam = await newPage({ email: 'sam@support.example' });
    await sam.goto('/dev/mail');
    await sam.getByRole('tab', { name: /^Delivery problems/ }).click();
    await sam.waitForURL(/tab=problems/);
    const samGivenUp = sam.getByRole('list', { name: /^Given up/ });
    await samGivenUp.getByText('ECONNREFUSED').waitFor();
    await samGivenUp.getByText('Status changed').waitFor();
    await sam.getByText(/A support manager or administrator can retry/).waitFor();
    await expect(sam.getByRole('button', { name: /^Retry/ }).count()).resolves.toBe(0);
    await expectAccessible(sam, 'mail, delivery problems (engineer)');

    // a manager retries it: it leaves "Given up" (and waits for the worker as a pending notification)
    const mia = await newPage({ email: 'mia@support.example' });
    await mia.goto('/dev/mail?tab=problems');
    const givenUp = mia.getByRole('list', { name: /^Given up/ });
    const row = givenUp.getByRole('listitem').filter({ hasText: 'ECONNREFUSED' });
    await row.getByText('20', { exact: true }).waitFor();
    await row.getByRole('link', { name: `Case ${number}`, exact: true }).waitFor();
    await expectAccessible(mia, 'mail, delivery problems (manager)');
    await shot(mia, 'mail-delivery-problems');
    await row.getByRole('button', { name: /^Retry/ }).click();
    await mia.getByText(/queued again/).waitFor();
    await expect.poll(() => row.count()).toBe(0);
    await mia.getByText('Every notification was delivered.').waitFor();
    const stored = await db
      .selectFrom('outbox')
      .select(['dead_at', 'attempts'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ dead_at: null, attempts: 0 });
  });
});
