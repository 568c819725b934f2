import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { addComment } from '../src/server/commands/addComment.ts';
import { addTeamContact } from '../src/server/commands/addTeamContact.ts';
import { makeCase } from '../src/server/testing/builders.ts';
import { expectAccessible, screenshot } from './browser.ts';
import { type E2E, startE2E } from './support.ts';

const SUBJECT = 'Case page e2e: Workday sign-in loops back to the login page';

// Many steps per test, and other suites may load the machine: a minute per test, 15 s per wait.
describe('e2e: the case page', { timeout: 60_000 }, () => {
  let e: E2E;
  let number: string;

  beforeAll(async () => {
    e = await startE2E();
    const bob = await e.h.actor('bob@acme.example');
    ({ number } = await makeCase(e.h.ctx, bob, {
      subject: SUBJECT,
      description: 'After SAML sign-in to Workday the browser loops back to the login page.\nError E0000004.',
      stepsToReproduce: 'Open Workday from the dashboard as any member of HR.',
      businessImpact: 'HR cannot approve payroll.',
      scope: 'group_of_users',
      contactPhone: '+1 415 555 0100',
      contactTimezone: 'America/Los_Angeles',
    }));
  });
  afterAll(() => e.close());

  /** A signed-in page whose waits fail (with the locator named) well before the test times out. */
  async function newPage(opts: Parameters<E2E['newPage']>[0]) {
    // The server's clock is the harness clock: keep it at the wall clock so times on the page move on.
    e.h.clock.set(new Date());
    const r = await e.newPage(opts);
    r.page.setDefaultTimeout(15_000);
    onTestFailed(async ({ task }) => {
      await shot(r.page, `case-page-failed-${task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(
        () => undefined,
      );
    });
    return r;
  }

  async function openCase(page: Page, n = number) {
    await page.goto(`/cases/${n}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
  }

  /** A full-page screenshot from the top (the header is fixed: a scrolled page would show it mid-page). */
  async function shot(page: Page, name: string) {
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, name);
  }

  /** The section of the page titled by a level-2 heading. */
  const section = (page: Page, name: string) => page.getByRole('region', { name });

  it('shows bob the case info, contact data and an empty related-articles panel', async () => {
    const { page } = await newPage({ email: 'bob@acme.example' });
    await openCase(page);
    await page.getByRole('heading', { level: 1, name: SUBJECT }).waitFor();
    await page.getByText(`Case ${number}`, { exact: true }).waitFor();
    const info = section(page, 'Case info');
    for (const text of ['Gold support', 'Not yet assigned', 'acme', 'A group of users', 'Bob Brandt']) {
      await info.getByText(text).first().waitFor();
    }
    await info.getByText('First response due').waitFor();
    const details = section(page, 'Details');
    await details
      .getByText(/loops back to the login page/)
      .first()
      .waitFor();
    await details.getByText('HR cannot approve payroll.').waitFor();
    await details.getByText(/Open Workday from the dashboard/).waitFor();
    const contact = section(page, 'Contact data');
    await contact.getByText('bob@acme.example').waitFor();
    await contact.getByText('+1 415 555 0100').waitFor();
    await contact.getByText('America/Los_Angeles').waitFor();
    await page.getByText('New', { exact: true }).first().waitFor();
    await page.getByText('P3 Medium').first().waitFor();
    // Related articles from the demo knowledge base, searched first with the subject, then as typed.
    const articles = section(page, 'Related articles');
    await expect(articles.getByLabel(/^Find an article/).inputValue()).resolves.toBe(SUBJECT);
    await articles
      .getByRole('link', { name: /SAML|Workday|sign-in/i })
      .first()
      .waitFor();
    await articles.getByLabel(/^Find an article/).fill('password reset');
    await articles
      .getByRole('link', { name: /password/i })
      .first()
      .waitFor();
    await articles.locator('mark').first().waitFor();
    await section(page, 'History').getByText('Opened the case').waitFor();
    await expectAccessible(page, 'case page, light');
    await shot(page, 'case-page');
  });

  it('changes the contact data in a dialog, with live phone validation and server errors', async () => {
    const { page } = await newPage({ email: 'bob@acme.example' });
    await openCase(page);
    await page.getByRole('button', { name: 'Edit contact data' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit contact data' });
    await dialog.waitFor();
    const phone = dialog.getByLabel(/^Preferred contact number/);
    await phone.fill('+1 415 555');
    await phone.blur();
    await dialog.getByText(/Enter an international number/).waitFor();
    await expect(phone.getAttribute('aria-invalid')).resolves.toBe('true');
    await phone.fill('+49 30 901820');
    await dialog.getByText(/^Valid number: \+49 30 901820/).waitFor();
    const tz = dialog.getByLabel(/^Preferred contact timezone/);
    await tz.fill('Berlin');
    await page.getByRole('option', { name: 'Europe/Berlin' }).click();
    await dialog.getByLabel(/^Case email/).fill('it-support@acme.example');
    await expectAccessible(page, 'edit contact data dialog');
    await dialog.getByRole('button', { name: 'Save contact data' }).click();
    await dialog.waitFor({ state: 'detached' });
    const contact = section(page, 'Contact data');
    await contact.getByText('it-support@acme.example').waitFor();
    await contact.getByText('+49 30 901820').waitFor();
    await contact.getByText('Europe/Berlin').waitFor();
    await section(page, 'History')
      .getByText('Changed the preferred contact timezone from America/Los_Angeles to Europe/Berlin')
      .waitFor();
  });

  it('posts Markdown comments, rendered safely, and never shows an internal note', async () => {
    const { page } = await newPage({ email: 'bob@acme.example' });
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await openCase(page);
    const conversation = section(page, 'Conversation');
    await conversation.getByText('No comments yet.', { exact: false }).waitFor();
    const body =
      'It is **still broken** for HR.\n\n<script>window.__xss = 1; alert(1)</script>\n\nSee [the log](https://example.com/log).';
    await conversation.getByLabel(/^Your comment/).fill(body);
    await conversation.getByRole('tab', { name: 'Preview' }).click();
    const preview = conversation.getByRole('region', { name: 'Preview of your comment' });
    await preview.locator('strong', { hasText: 'still broken' }).waitFor();
    await conversation.getByRole('tab', { name: 'Write' }).click();
    await conversation.getByRole('button', { name: 'Add comment' }).click();
    const mine = conversation.getByRole('article', { name: /^Customer comment by Bob Brandt/ });
    await mine.locator('strong', { hasText: 'still broken' }).waitFor();
    await mine.getByText('<script>window.__xss = 1; alert(1)</script>').waitFor();
    await expect(mine.locator('script').count()).resolves.toBe(0);
    const link = mine.getByRole('link', { name: 'the log' });
    await expect(link.getAttribute('rel')).resolves.toBe('noopener noreferrer');
    await expect(link.getAttribute('target')).resolves.toBe('_blank');
    await expect(page.evaluate(() => (window as { __xss?: number }).__xss)).resolves.toBeUndefined();
    expect(dialogs).toBe(0);
    await expect(conversation.getByLabel(/^Your comment/).inputValue()).resolves.toBe('');

    // sam answers through the command a little later: a public reply and an internal note.
    e.h.clock.set(new Date());
    const sam = await e.h.actor('sam@support.example');
    await addComment(e.h.ctx, sam, number, {
      body: 'Please send a **HAR file** of the loop.',
      internal: false,
    });
    await addComment(e.h.ctx, sam, number, {
      body: 'Internal: tenant flagged for the SSO bug.',
      internal: true,
    });
    await page.reload();
    const reply = conversation.getByRole('article', { name: /^Support comment by Sam Support/ });
    await reply.locator('strong', { hasText: 'HAR file' }).waitFor();
    await expect(reply.getAttribute('data-author-kind')).resolves.toBe('support');
    const articles = await conversation.getByRole('article').allTextContents();
    expect(articles).toHaveLength(2);
    expect(articles[0]).toContain('still broken');
    expect(articles[1]).toContain('HAR file');
    await expect(page.content()).resolves.not.toContain('tenant flagged');
    await section(page, 'History').getByText('Added a comment').first().waitFor();
    await expect(page.content()).resolves.not.toContain('internal note');
  });

  it('keeps a typed comment across a reload and an expired session until it is posted', async () => {
    const { context, page } = await newPage({ email: 'bob@acme.example' });
    await openCase(page);
    const box = section(page, 'Conversation').getByLabel(/^Your comment/);
    await box.fill('A draft that must not be lost');
    await page.reload();
    await expect(box.inputValue()).resolves.toBe('A draft that must not be lost');

    // The session ends; posting fails, the app asks to sign in and brings bob back to his draft.
    await context.clearCookies();
    await section(page, 'Conversation').getByRole('button', { name: 'Add comment' }).click();
    await page.waitForURL(/\/sign-in\?redirect=/);
    await page.getByLabel(/^Email/).fill('bob@acme.example');
    await page.getByLabel(/^Password/).fill('casebook-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === `/cases/${number}`);
    await expect(box.inputValue()).resolves.toBe('A draft that must not be lost');
    await box.fill('');
    await page.reload();
    await expect(box.inputValue()).resolves.toBe('');
  });

  it('adds alice to the case team and removes her, with the errors of the server', async () => {
    const { page } = await newPage({ email: 'bob@acme.example' });
    await openCase(page);
    const team = section(page, 'Case team');
    await team.getByText('No team contacts yet.').waitFor();
    const input = team.getByLabel(/^Add contact to team/);
    await input.fill('ali');
    await page.getByRole('option', { name: /alice@acme\.example/ }).click();
    await expect(input.inputValue()).resolves.toBe('alice@acme.example');
    await team.getByRole('button', { name: 'Add to team' }).click();
    await team.getByText('Alice Anders').waitFor();
    await expectAccessible(page, 'case team with a contact');

    // The typeahead offers only admins of acme; typed addresses get the server's answer.
    await input.fill('alice@acme.example');
    await team.getByRole('button', { name: 'Add to team' }).click();
    await team.getByText('alice@acme.example is already on the case team.').waitFor();
    await input.fill('erin@acme.example');
    await team.getByRole('button', { name: 'Add to team' }).click();
    await team.getByText(/erin@acme\.example is not an admin of acme/).waitFor();
    await expect(input.getAttribute('aria-invalid')).resolves.toBe('true');

    await team.getByRole('button', { name: 'Remove Alice Anders from the case team' }).click();
    await team.getByText('No team contacts yet.').waitFor();
    const history = section(page, 'History');
    await history.getByText('Added alice@acme.example to the case team').waitFor();
    await history.getByText('Removed alice@acme.example from the case team').waitFor();
  });

  it('warns a team contact who removes themselves that they lose access, then leaves the case', async () => {
    // Demo: dave's preview-org case has erin on its team; erin is neither its opener nor an ESC.
    const row = await e.h.ctx.database.db
      .selectFrom('cases')
      .select('number')
      .where('subject', 'like', 'SCIM push to Slack%')
      .executeTakeFirstOrThrow();
    const { page } = await newPage({ email: 'erin@acme.example' });
    await openCase(page, row.number);
    await section(page, 'Case team')
      .getByRole('button', { name: 'Remove Erin Evans from the case team' })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Remove yourself from the case team?' });
    await dialog.getByText(/You will lose access to case/).waitFor();
    await expectAccessible(page, 'remove-yourself dialog');
    await dialog.getByRole('button', { name: 'Remove me' }).click();
    await page.waitForURL((url) => url.pathname === '/cases');
    await page.goto(`/cases/${row.number}`);
    await page.getByRole('heading', { level: 1, name: 'Case not found' }).waitFor();
  });

  it('uploads attachments with progress, refuses big and executable files, and downloads', async () => {
    const { page } = await newPage({ email: 'bob@acme.example' });
    await openCase(page);
    const attachments = section(page, 'Attachments');
    const content = Buffer.from(`HAR-like log\n${'x'.repeat(300_000)}\nend\n`);
    const chooser = page.waitForEvent('filechooser');
    await attachments.getByRole('button', { name: 'Attach files' }).click();
    await (await chooser).setFiles([
      { name: 'workday-loop.txt', mimeType: 'text/plain', buffer: content },
      { name: 'too-big.log', mimeType: 'text/plain', buffer: Buffer.alloc(2 * 1024 * 1024 + 1, 97) },
      { name: 'fix.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ just text') },
    ]);
    const uploads = attachments.getByRole('list', { name: 'Uploads' });
    await uploads.getByRole('progressbar', { name: 'Upload of workday-loop.txt' }).waitFor();
    await uploads.getByText('Uploaded', { exact: true }).waitFor();
    await expect(
      uploads.getByRole('progressbar', { name: 'Upload of workday-loop.txt' }).getAttribute('aria-valuenow'),
    ).resolves.toBe('100');
    await uploads.getByText(/too-big\.log: .* over the 2 MB limit: not uploaded/).waitFor();
    await uploads.getByText(/fix\.exe: fix\.exe was refused: .*Executables cannot be attached/).waitFor();
    const link = attachments.getByRole('link', { name: 'workday-loop.txt' });
    await link.waitFor();
    await attachments.getByText(/KB · Bob Brandt/).waitFor();
    await expect(attachments.getByRole('link', { name: 'fix.exe' }).count()).resolves.toBe(0);

    const download = page.waitForEvent('download');
    await link.click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('workday-loop.txt');
    const path = await file.path();
    expect(readFileSync(path).equals(content)).toBe(true);
    await section(page, 'History').getByText('Attached workday-loop.txt').waitFor();
    await expectAccessible(page, 'case page with uploads');
  });

  it('requests an escalation and shows its state', async () => {
    const { page } = await newPage({ email: 'bob@acme.example' });
    await openCase(page);
    await page.getByRole('button', { name: 'Request escalation' }).click();
    const dialog = page.getByRole('dialog', { name: `Request an escalation of case ${number}` });
    await dialog.getByRole('button', { name: 'Request escalation' }).click();
    await dialog.getByText('Reason is required').waitFor();
    await dialog.getByText('Business justification is required').waitFor();
    await expectAccessible(page, 'escalation dialog with errors');
    await dialog.getByLabel(/^Reason/).fill('No answer to our HAR file for two days.');
    await dialog
      .getByLabel(/^Business justification/)
      .fill('Payroll closes on Friday; 40 HR staff are blocked.');
    await dialog.getByRole('button', { name: 'Request escalation' }).click();
    await dialog.waitFor({ state: 'detached' });
    const state = page.getByRole('status').filter({ hasText: 'Escalation requested' });
    await state.waitFor();
    await state.getByText(/Payroll closes on Friday/).waitFor();
    await expect(page.getByRole('button', { name: 'Request escalation' }).count()).resolves.toBe(0);
    await section(page, 'History').getByText('Requested an escalation').waitFor();
  });

  it('marks the case solved, then reopens it', async () => {
    const { page } = await newPage({ email: 'bob@acme.example' });
    await openCase(page);
    await page.getByRole('button', { name: 'Mark solved' }).click();
    const dialog = page.getByRole('dialog', { name: `Mark case ${number} solved?` });
    await dialog.getByText(/reopen the case for 14 days/).waitFor();
    await dialog.getByRole('button', { name: 'Mark solved' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page
      .getByRole('note')
      .filter({ hasText: 'This case is solved' })
      .getByText(/reopen the case until/)
      .waitFor();
    await page.getByText('Solved', { exact: true }).first().waitFor();
    await expect(page.getByRole('button', { name: 'Mark solved' }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Reopen' }).click();
    await page.getByRole('button', { name: 'Mark solved' }).waitFor();
    await page.getByText('Open', { exact: true }).first().waitFor();
    const history = section(page, 'History');
    await history.getByText(/Status changed from .* to Solved/).waitFor();
    await history.getByText('Status changed from Solved to Open').waitFor();
  });

  it('replaces the comment box of a closed case with a note and a link to open a new case', async () => {
    const row = await e.h.ctx.database.db
      .selectFrom('cases')
      .select('number')
      .where('status', '=', 'closed')
      .executeTakeFirstOrThrow();
    const { page } = await newPage({ email: 'alice@acme.example' });
    await openCase(page, row.number);
    const conversation = section(page, 'Conversation');
    const note = conversation.getByRole('note');
    await note.getByText(/This case is closed and takes no more comments/).waitFor();
    await expect(note.getByRole('link', { name: 'Open a new case' }).getAttribute('href')).resolves.toBe(
      '/cases/new',
    );
    await expect(conversation.getByLabel(/^Your comment/).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Attach files' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Request escalation' }).count()).resolves.toBe(0);
    await expectAccessible(page, 'closed case');
    await shot(page, 'case-page-closed');
  });

  it('shows "Case not found" to erin for bob\'s case, and the reason to carol', async () => {
    const erin = await newPage({ email: 'erin@acme.example' });
    await openCase(erin.page);
    await erin.page.getByRole('heading', { level: 1, name: 'Case not found' }).waitFor();
    await expect(erin.page.content()).resolves.not.toContain(SUBJECT);
    await erin.page.goto('/cases/99999999');
    await erin.page.getByRole('heading', { level: 1, name: 'Case not found' }).waitFor();
    await expectAccessible(erin.page, 'case not found');

    const carol = await newPage({ email: 'carol@acme.example' });
    await openCase(carol.page);
    await expect(carol.page.getByRole('alert').textContent()).resolves.toMatch(/Case Admin/);
  });

  it('is accessible in the dark theme and usable at 375 px', async () => {
    const bob = await e.h.actor('bob@acme.example');
    await addTeamContact(e.h.ctx, bob, number, 'alice@acme.example');
    const dark = await newPage({ email: 'bob@acme.example', colorScheme: 'dark' });
    await openCase(dark.page);
    await section(dark.page, 'History').getByText('Opened the case').waitFor();
    await expectAccessible(dark.page, 'case page, dark');
    await shot(dark.page, 'case-page-dark');

    const narrow = await newPage({ email: 'bob@acme.example', width: 375 });
    await openCase(narrow.page);
    await section(narrow.page, 'Conversation').getByRole('article').first().waitFor();
    await section(narrow.page, 'Attachments').getByRole('link', { name: 'workday-loop.txt' }).waitFor();
    const overflow = await narrow.page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(narrow.page, 'case page at 375 px');
    await shot(narrow.page, 'case-page-375');
  });
});
