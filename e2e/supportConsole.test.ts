import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { z } from 'zod';
import { requestEscalation } from '../src/server/commands/requestEscalation.ts';
import { createMailTransport } from '../src/server/mail/outbound/transport.ts';
import { OutboxWorker } from '../src/server/outbox/worker.ts';
import { makeCase } from '../src/server/testing/builders.ts';
import { describeEachDatabase } from '../src/server/testing/databases.ts';
import type { ConsoleCaseList } from '../src/shared/api/console.ts';
import { expectAccessible, screenshot } from './browser.ts';
import { type E2E, startE2E } from './support.ts';

/**
 * Issue 6, done when: sam@support.example signs in, sees the demo cases in his queues ordered by time to
 * breach, answers one publicly and adds an internal note; bob sees the answer and never the note, by any
 * route or mail. Also: a priority change with its reason reaches bob, and a manager acknowledges bob's
 * escalation with a note bob reads. On SQLite and on PostgreSQL.
 */
const SAML_SUBJECT = 'SAML assertion rejected for Salesforce after certificate rollover';
const REPLY = 'Public reply from e2e: please upload the new signing certificate (reply-marker-7Q2).';
const NOTE = 'Internal note from e2e: customer org looks misconfigured, do not share (secret-note-X9K).';
const NOTE_MARKER = 'secret-note-X9K';
const PRIORITY_REASON = 'Sales cannot sign in at all since the rollover: raising to P1 (reason-marker-P1R).';
const ACK_NOTE = 'Mia here: I am following this escalation personally (ack-marker-M1A).';

type ConsoleList = z.infer<typeof ConsoleCaseList>;

describeEachDatabase('e2e: the support console', (dialect) => {
  // Many steps per test, and other suites may load the machine: two minutes per test, 20 s per wait.
  describe('sam answers, bob reads', { timeout: 120_000 }, () => {
    let e: E2E;
    let number: string;

    beforeAll(async () => {
      e = await startE2E(dialect);
      const row = await e.h.ctx.database.db
        .selectFrom('cases')
        .select(['number'])
        .where('subject', '=', SAML_SUBJECT)
        .executeTakeFirstOrThrow();
      number = row.number;
    });
    afterAll(() => e?.close());

    async function newPage(opts: Parameters<E2E['newPage']>[0]) {
      e.h.clock.set(new Date());
      const r = await e.newPage(opts);
      r.page.setDefaultTimeout(20_000);
      onTestFailed(async ({ task }) => {
        await shot(r.page, `console-${dialect}-failed-${task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(
          () => undefined,
        );
      });
      return r;
    }

    async function shot(page: Page, name: string) {
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, name);
    }

    /** Every /api/v1 JSON body the page receives, to check what the browser was ever given. */
    function recordApi(page: Page): string[] {
      const bodies: string[] = [];
      page.on('response', async (res) => {
        if (!res.url().includes('/api/v1/')) return;
        try {
          bodies.push(`${res.url()}\n${await res.text()}`);
        } catch {
          /* a redirect or an aborted request has no body */
        }
      });
      return bodies;
    }

    it('sam lands in the console and sees the demo cases of his queues ordered by time to breach', async () => {
      const { page } = await newPage({ email: 'sam@support.example' });
      await page.waitForURL(/\/console/);
      await page.getByRole('heading', { level: 1, name: 'Support console' }).waitFor();
      const queues = page.getByRole('navigation', { name: 'Queues' });
      const mine = queues.getByRole('link', { name: /^My queues/ });
      await expect(mine.getAttribute('aria-current')).resolves.toBe('page');
      for (const name of [/^Identity & sign-on/, /^Lifecycle & directories/, /^Triage/, /^Unassigned/]) {
        await queues.getByRole('link', { name }).waitFor();
      }
      // an engineer sees only his own queues
      await expect(queues.getByRole('link', { name: /^Accounts & licensing/ }).count()).resolves.toBe(0);

      const table = page.getByRole('table', { name: 'My queues' });
      await table.getByRole('link', { name: number, exact: true }).waitFor();
      await expect(
        table.getByRole('columnheader', { name: /Time to breach/ }).getAttribute('aria-sort'),
      ).resolves.toBe('ascending');
      await page.getByText(/updated \d+ s ago/).waitFor();

      // The page's own list request: every open demo case of sam's queues, soonest breach first.
      const list = (await page.evaluate(async () => {
        const res = await fetch('/api/v1/console/cases?queue=mine');
        return res.json();
      })) as ConsoleList;
      const subjects = list.items.map((c) => c.subject);
      expect(subjects).toEqual(
        expect.arrayContaining([
          SAML_SUBJECT,
          'User cannot re-enrol a security key after replacing it',
          'SCIM push to Slack deactivates users who are still assigned',
          'AD agent stopped importing after Windows update',
        ]),
      );
      expect(subjects).not.toContain('Licence count shows 20 more users than we have'); // accounts queue
      expect(subjects).not.toContain('All users locked out after network zone change'); // closed
      const dueKey = (c: ConsoleList['items'][number]) =>
        (c.sla.state === 'running' || c.sla.state === 'breached') && c.sla.dueAt
          ? Date.parse(c.sla.dueAt)
          : Number.POSITIVE_INFINITY;
      const keys = list.items.map(dueKey);
      expect(keys).toEqual([...keys].sort((a, b) => a - b));
      // …and the table shows them in that order
      const rows = await table
        .locator('tbody tr')
        .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-case')));
      expect(rows).toEqual(list.items.map((c) => c.number));
      // every row says its SLA state in words, not colour alone
      const labels = await table
        .locator('[data-sla-label]')
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-sla-label')));
      expect(labels.length).toBe(list.items.length);
      for (const l of labels)
        expect(['Met', 'Paused', 'Breached', 'About to breach', 'On track']).toContain(l);

      // clicking a header sorts by it
      await table.getByRole('button', { name: /^Priority/ }).click();
      await page.waitForURL(/sort=priority/);
      await expect(
        page.getByRole('columnheader', { name: /Priority/ }).getAttribute('aria-sort'),
      ).resolves.toBe('ascending');
      // the breach filter and the search narrow the list
      await page.getByRole('searchbox', { name: 'Search cases' }).fill(number);
      await page.waitForURL(new RegExp(`q=${number}`));
      await page.locator('tbody tr').first().waitFor();
      await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
      await page.getByRole('button', { name: 'Clear filters' }).click();
      await page.waitForURL((url) => !url.searchParams.has('q'));

      await expectAccessible(page, 'support console');
      await shot(page, `console-${dialect}`);
    });

    it('sam answers publicly (with a canned response) and adds an internal note, by keyboard', async () => {
      const { page } = await newPage({ email: 'sam@support.example' });
      await page.getByRole('link', { name: number, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: SAML_SUBJECT }).waitFor();
      const workspace = page.getByRole('region', { name: 'Workspace' });
      await workspace.getByText('First-response SLA').waitFor();
      await workspace.locator('[data-sla-label]').waitFor();

      const composer = page.getByRole('form', { name: 'Reply or add an internal note' });
      await expect(composer.getAttribute('data-reply-mode')).resolves.toBe('public');
      await composer.getByText(/^Public — the customer sees this/).waitFor();

      // a canned response goes into the composer, to be edited before sending
      await composer.getByLabel('Insert a canned response').click();
      await page.getByRole('option', { name: 'Acknowledge and investigating' }).click();
      const reply = composer.getByRole('textbox', { name: 'Public reply to the customer' });
      await expect(reply.inputValue()).resolves.toMatch(/^Thanks for the detailed report/);

      // keyboard only from here: type the reply after the canned text and send with Ctrl+Enter
      await reply.focus();
      await page.keyboard.press('End');
      await page.keyboard.press('Control+End');
      await page.keyboard.type(`\n\n${REPLY}`);
      await page.keyboard.press('Control+Enter');
      const conversation = page.getByRole('region', { name: 'Conversation' });
      // (the composer is inside the conversation: look for the posted comment, not the typed text)
      await conversation.getByRole('article').filter({ hasText: REPLY }).waitFor();
      await expect(reply.inputValue()).resolves.toBe('');

      // switch the mode with the arrow keys: the composer turns into a yellow, labelled internal note
      await composer.getByRole('radio', { name: 'Public reply' }).focus();
      await page.keyboard.press('ArrowRight');
      await expect(composer.getByRole('radio', { name: 'Internal note' }).isChecked()).resolves.toBe(true);
      await expect(composer.getAttribute('data-reply-mode')).resolves.toBe('internal');
      await composer.getByText('Internal — not visible to the customer', { exact: true }).waitFor();
      const note = composer.getByRole('textbox', { name: 'Internal note (staff only)' });
      for (let i = 0; i < 6 && !(await note.evaluate((el) => el === document.activeElement)); i++) {
        await page.keyboard.press('Tab');
      }
      await expect(note.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
      await page.keyboard.type(NOTE);
      await expectAccessible(page, 'case workspace, internal note mode');
      await page.keyboard.press('Control+Enter');
      const noteItem = conversation.locator('[data-internal="true"]').filter({ hasText: NOTE_MARKER });
      await noteItem.waitFor();
      await noteItem.getByText('Internal — not visible to the customer').waitFor();

      // a priority change needs its reason
      await workspace.getByRole('button', { name: 'Change priority…' }).click();
      const dialog = page.getByRole('dialog', { name: `Change the priority of case ${number}` });
      await dialog.getByRole('radio', { name: /^P1 Critical/ }).check();
      await dialog.getByRole('button', { name: 'Change priority' }).click();
      await dialog.getByText('Give the reason: the customer reads it').waitFor();
      await dialog.getByRole('textbox', { name: /^Reason/ }).fill(PRIORITY_REASON);
      await expectAccessible(page, 'priority change dialog');
      await dialog.getByRole('button', { name: 'Change priority' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByText('P1 Critical').first().waitFor();

      await expectAccessible(page, 'case workspace');
      await shot(page, `workspace-${dialect}`);
    });

    it('mia acknowledges bob’s escalation with a note from the escalations view', async () => {
      const bob = await e.h.actor('bob@acme.example');
      await requestEscalation(e.h.ctx, bob, number, {
        reason: 'No progress for a day on a sales-blocking issue.',
        justification: 'The whole sales team cannot reach Salesforce.',
      });
      const { page } = await newPage({ email: 'mia@support.example' });
      await page.getByRole('button', { name: /Mia/ }).click();
      await page.getByRole('menuitem', { name: 'Escalations' }).click();
      await page.getByRole('heading', { level: 1, name: 'Escalations' }).waitFor();
      const item = page.getByRole('article').filter({ hasText: `Case ${number}` });
      await item.getByText('No progress for a day').waitFor();
      await expectAccessible(page, 'escalations view');
      await item.getByRole('button', { name: `Acknowledge the escalation of case ${number}` }).click();
      const dialog = page.getByRole('dialog', { name: /Acknowledge the escalation/ });
      await dialog.getByRole('textbox', { name: /^Note to the customer/ }).fill(ACK_NOTE);
      await dialog.getByRole('button', { name: 'Acknowledge' }).click();
      await dialog.waitFor({ state: 'detached' });
      await item.getByText(/Acknowledgement note \(customer sees it\)/).waitFor();
      await shot(page, `escalations-${dialect}`);
    });

    it('bob sees the answer, the priority reason and the acknowledgement — never the note', async () => {
      const { page } = await newPage({ email: 'bob@acme.example' });
      const bodies = recordApi(page);
      await page.goto(`/cases/${number}`);
      await page.getByRole('heading', { level: 1, name: SAML_SUBJECT }).waitFor();
      const conversation = page.getByRole('region', { name: 'Conversation' });
      await conversation.getByText(REPLY).waitFor();
      await page
        .getByRole('region', { name: 'History' })
        .getByText(PRIORITY_REASON, { exact: false })
        .waitFor();
      await page.getByText('Escalation acknowledged').waitFor();
      await page.getByText(ACK_NOTE).waitFor();
      // the customer's page has no staff parts
      await expect(page.getByRole('region', { name: 'Workspace' }).count()).resolves.toBe(0);
      await expect(page.getByText('Internal note').count()).resolves.toBe(0);
      const html = await page.content();
      expect(html).not.toContain(NOTE_MARKER);
      await page.waitForLoadState('networkidle');
      expect(bodies.length).toBeGreaterThan(3);
      for (const body of bodies) expect(body).not.toContain(NOTE_MARKER);
      // …nor by any other route bob may call
      const direct = await page.evaluate(async (n) => {
        const urls = [`/api/v1/cases/${n}`, `/api/v1/cases/${n}/comments`, `/api/v1/cases/${n}/history`];
        return Promise.all(urls.map(async (u) => (await fetch(u)).text()));
      }, number);
      for (const body of direct) expect(body).not.toContain(NOTE_MARKER);
      expect(direct[1]).toContain('reply-marker-7Q2');
      await expectAccessible(page, 'case page, bob after the answer');
      await shot(page, `case-bob-${dialect}`);
    });

    it('the console and the workspace are accessible in the dark theme and usable at 375 px', async () => {
      const dark = await newPage({ email: 'sam@support.example', colorScheme: 'dark' });
      await dark.page.getByRole('link', { name: number, exact: true }).waitFor();
      await expectAccessible(dark.page, 'support console, dark');
      await dark.page.goto(`/cases/${number}`);
      await dark.page.getByRole('region', { name: 'Workspace' }).waitFor();
      const darkComposer = dark.page.getByRole('form', { name: 'Reply or add an internal note' });
      await darkComposer
        .locator('label')
        .filter({ hasText: /^Internal note$/ })
        .click();
      await darkComposer
        .getByRole('note')
        .filter({ hasText: 'Internal — not visible to the customer' })
        .waitFor();
      await expectAccessible(dark.page, 'case workspace, dark');
      await shot(dark.page, `workspace-dark-${dialect}`);

      const phone = await newPage({ email: 'sam@support.example', width: 375 });
      await phone.page.getByRole('link', { name: number, exact: true }).waitFor();
      await expectAccessible(phone.page, 'support console, 375 px');
      const overflow = await phone.page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, 'the page itself does not scroll sideways').toBeLessThanOrEqual(0);
      await shot(phone.page, `console-phone-${dialect}`);
    });

    it('sam takes a case from the console, sets its status, moves it and merges it as a duplicate', async () => {
      const bob = await e.h.actor('bob@acme.example');
      const dup = await makeCase(e.h.ctx, bob, {
        subject: 'Salesforce SAML sign-in fails again for the Sales group (dup-e2e)',
        issueArea: 'saml-sso',
        priority: 'P3',
      });
      const { page } = await newPage({ email: 'sam@support.example' });
      await page
        .getByRole('navigation', { name: 'Queues' })
        .getByRole('link', { name: /^Unassigned/ })
        .click();
      await page.waitForURL(/assignee=unassigned/);
      const row = page.locator(`tbody tr[data-case="${dup.number}"]`);
      await row.locator('[data-sla-label="On track"]').waitFor();
      await row.getByText(/left$/).waitFor();
      await row.getByRole('button', { name: `Take case ${dup.number}` }).click();
      // taken: it leaves the Unassigned list and shows as mine under Assigned to me
      await row.waitFor({ state: 'detached' });
      await page
        .getByRole('navigation', { name: 'Queues' })
        .getByRole('link', { name: /^Assigned to me/ })
        .click();
      await page.locator(`tbody tr[data-case="${dup.number}"]`).getByText('Me', { exact: true }).waitFor();

      await page.getByRole('link', { name: dup.number, exact: true }).click();
      const workspace = page.getByRole('region', { name: 'Workspace' });
      await workspace.getByText('Assignee: Sam Support (me)').waitFor();
      // status, with a reason the customer sees
      await workspace.getByLabel('Status', { exact: true }).click();
      await page.getByRole('option', { name: 'Pending customer' }).click();
      await workspace
        .getByRole('textbox', { name: /^Reason \(optional\)/ })
        .fill('Waiting for your HAR file.');
      await workspace.getByRole('button', { name: 'Change status' }).click();
      await page.getByText('Pending customer', { exact: true }).first().waitFor();
      await workspace.locator('[data-sla-label="Paused"]').waitFor();
      // queue
      await workspace.getByLabel('Queue', { exact: true }).click();
      await page.getByRole('option', { name: 'Platform & API' }).click();
      await workspace.getByRole('button', { name: 'Move' }).click();
      await page.getByText(`Case ${dup.number} moved to Platform & API.`).waitFor();
      // merge, with a confirmation that names both cases
      await workspace.getByRole('button', { name: 'Merge into another case…' }).click();
      const dialog = page.getByRole('dialog', { name: `Merge case ${dup.number} into another case` });
      await dialog.getByRole('textbox', { name: /^Merge into case number/ }).fill(dup.number);
      await dialog.getByRole('button', { name: 'Continue' }).click();
      await dialog.getByText('A case cannot be merged into itself').waitFor();
      await dialog.getByRole('textbox', { name: /^Merge into case number/ }).fill(number);
      await dialog.getByRole('button', { name: 'Continue' }).click();
      await dialog.getByText(SAML_SUBJECT, { exact: false }).waitFor();
      await expectAccessible(page, 'merge confirmation');
      await dialog.getByRole('button', { name: `Merge into ${number}` }).click();
      await dialog.waitFor({ state: 'detached' });
      await workspace.getByText(`Merged into case ${number}`, { exact: false }).waitFor();
      await page.getByText('Closed', { exact: true }).first().waitFor();
      const merged = await e.h.ctx.database.db
        .selectFrom('cases')
        .select(['status', 'merged_into_id', 'queue_key', 'owner_id'])
        .where('number', '=', dup.number)
        .executeTakeFirstOrThrow();
      const sam = await e.h.actor('sam@support.example');
      expect(merged).toMatchObject({ status: 'closed', queue_key: 'platform', owner_id: sam.id });
      expect(merged.merged_into_id).not.toBeNull();
      await shot(page, `workspace-merged-${dialect}`);
    });

    it('the mail has the public reply and nothing of the note', async () => {
      await new OutboxWorker(e.h.ctx, createMailTransport({ smtpUrl: undefined })).drain();
      const mails = await e.h.ctx.database.db
        .selectFrom('mail_messages')
        .innerJoin('cases', 'cases.id', 'mail_messages.case_id')
        .select([
          'mail_messages.subject',
          'mail_messages.text_body',
          'mail_messages.html_body',
          'mail_messages.to_addresses',
        ])
        .where('cases.number', '=', number)
        .where('mail_messages.direction', '=', 'out')
        .execute();
      const all = mails.map((m) => `${m.subject}\n${m.text_body}\n${m.html_body ?? ''}`).join('\n----\n');
      expect(all).toContain('reply-marker-7Q2');
      expect(all).toContain('reason-marker-P1R');
      expect(all).toContain('ack-marker-M1A');
      expect(all).not.toContain(NOTE_MARKER);
      const replyMail = mails.find((m) => m.text_body.includes('reply-marker-7Q2'));
      expect(JSON.parse(replyMail?.to_addresses ?? '[]')).toContain('bob@acme.example');
      // and the dev mailbox as staff see it over the API agrees
      const sam = await e.h.signIn('sam@support.example');
      const res = await sam.get(`/api/v1/mail/messages?case=${number}&direction=out&pageSize=100`);
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain(NOTE_MARKER);
    });
  });
});
