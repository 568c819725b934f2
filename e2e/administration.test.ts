import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, screenshot } from './browser.ts';
import { type E2E, startE2E } from './support.ts';

/** Picks an option of a Mantine Select by its label, as a user would. */
async function choose(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function confirmed(page: Page, message: string | RegExp) {
  const note = page.locator('.mantine-Notification-root', { hasText: message });
  await note.waitFor();
  await note.getByRole('button', { name: 'Dismiss' }).click();
  await note.waitFor({ state: 'detached' });
}

async function openTab(page: Page, name: string) {
  await page.getByRole('tab', { name }).click();
  expect(await page.getByRole('tab', { name }).getAttribute('aria-selected')).toBe('true');
}

describe('e2e: administration', () => {
  let e: E2E;
  let root: Page;
  beforeAll(async () => {
    e = await startE2E();
    root = (await e.newPage({ email: 'root@support.example' })).page;
    // a step that does not happen fails with its locator, well before the test's own timeout
    root.setDefaultTimeout(12_000);
  });
  afterAll(() => e.close());
  const db = () => e.h.ctx.database.db;

  it('root opens Administration from the account menu; every section passes axe', async () => {
    await root.getByRole('button', { name: /Root Admin/ }).click();
    await root.getByRole('menuitem', { name: 'Administration' }).click();
    await root.getByRole('heading', { name: 'Administration', level: 1 }).waitFor();
    await root.getByRole('heading', { name: 'Acme Corp', level: 2 }).waitFor();
    await root.getByText('ESC seats 1 / 20 used').waitFor();
    await expectAccessible(root, 'administration: accounts');
    for (const [tab, ready] of [
      ['Issue areas', () => root.getByRole('table', { name: 'Issue areas' }).waitFor()],
      ['Queues & members', () => root.getByRole('heading', { name: 'Triage', level: 2 }).waitFor()],
      [
        'SLA targets & hours',
        () => root.getByRole('textbox', { name: 'Gold P1 target in minutes' }).waitFor(),
      ],
      ['Canned responses', () => root.getByRole('table', { name: 'Canned responses' }).waitFor()],
      ['Staff', () => root.getByRole('table', { name: 'Staff users' }).waitFor()],
    ] as const) {
      await openTab(root, tab);
      await ready();
      await expectAccessible(root, `administration: ${tab}`);
    }
    await screenshot(root, 'administration-staff');
  });

  it('creates a queue and adds sam to it', async () => {
    await openTab(root, 'Queues & members');
    await root.getByRole('button', { name: 'New queue' }).click();
    const dialog = root.getByRole('dialog', { name: 'New queue' });
    await dialog.getByRole('textbox', { name: 'Key' }).fill('emea');
    await dialog.getByRole('textbox', { name: 'Name' }).fill('EMEA');
    await dialog
      .getByRole('textbox', { name: 'Description' })
      .fill('Customers in Europe, the Middle East and Africa.');
    await expectAccessible(root, 'administration: new queue dialog');
    await dialog.getByRole('button', { name: 'Create queue' }).click();
    await confirmed(root, 'Queue created.');
    await root.getByRole('heading', { name: 'EMEA', level: 2 }).waitFor();

    await choose(root, 'Add a member to EMEA', 'Sam Support (engineer)');
    await root.getByRole('button', { name: 'Add member to EMEA' }).click();
    await confirmed(root, 'Sam Support added to EMEA.');
    await root.getByRole('list', { name: 'Members of EMEA' }).getByText('Sam Support').waitFor();
    await screenshot(root, 'administration-queues');

    const queue = await db().selectFrom('queues').selectAll().where('key', '=', 'emea').executeTakeFirst();
    expect(queue).toMatchObject({ name: 'EMEA', triage: 0 });
    const sam = await db()
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'sam@support.example')
      .executeTakeFirstOrThrow();
    const members = await db()
      .selectFrom('queue_members')
      .select('user_id')
      .where('queue_key', '=', 'emea')
      .execute();
    expect(members).toEqual([{ user_id: sam.id }]);
  });

  it('creates an issue area routed to the new queue; an API refusal shows next to the field, nothing typed is lost', async () => {
    await openTab(root, 'Issue areas');
    await root.getByRole('button', { name: 'Add area to Sign-on and authentication' }).click();
    const dialog = root.getByRole('dialog', { name: /^New area in Sign-on/ });
    // a key that exists: the server says so next to the Key field
    await dialog.getByRole('textbox', { name: 'Key' }).fill('mfa');
    await dialog.getByRole('textbox', { name: 'Name' }).fill('EMEA single sign-on');
    await dialog.getByRole('textbox', { name: 'Description' }).fill('SSO questions from EMEA tenants.');
    await choose(root, 'Routing queue', 'EMEA (emea)');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.getByText('Another issue area has this key', { exact: true }).waitFor();
    expect(await dialog.getByRole('textbox', { name: 'Key' }).getAttribute('aria-invalid')).toBe('true');
    expect(await dialog.getByRole('textbox', { name: 'Name' }).inputValue()).toBe('EMEA single sign-on');
    expect(await dialog.getByRole('textbox', { name: 'Description' }).inputValue()).toBe(
      'SSO questions from EMEA tenants.',
    );

    await dialog.getByRole('textbox', { name: 'Key' }).fill('emea-sso');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await confirmed(root, 'Issue area created.');
    const row = root.getByRole('row', { name: /EMEA single sign-on/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('emea');

    const area = await db()
      .selectFrom('issue_areas')
      .selectAll()
      .where('key', '=', 'emea-sso')
      .executeTakeFirst();
    expect(area).toMatchObject({
      parent_key: 'sign-on',
      queue_key: 'emea',
      active: 1,
      description: 'SSO questions from EMEA tenants.',
    });
  });

  it('edits an SLA target: saved, and shown again after a reload', async () => {
    await openTab(root, 'SLA targets & hours');
    const cell = root.getByRole('textbox', { name: 'Gold P1 target in minutes' });
    await cell.fill('');
    await root.getByRole('button', { name: 'Save targets' }).click();
    await root.getByText('The target must be a whole number of minutes').waitFor();
    await cell.fill('45');
    await root.getByRole('button', { name: 'Save targets' }).click();
    await confirmed(root, /open cases? not answered yet got a new due time/);
    const target = await db()
      .selectFrom('sla_targets')
      .select('minutes')
      .where('plan', '=', 'gold')
      .where('priority', '=', 'P1')
      .executeTakeFirstOrThrow();
    expect(target.minutes).toBe(45);
    await root.reload();
    await root.getByRole('textbox', { name: 'Gold P1 target in minutes' }).waitFor();
    expect(await root.getByRole('textbox', { name: 'Gold P1 target in minutes' }).inputValue()).toBe(
      '45 min',
    );
    await expectAccessible(root, 'administration: SLA targets after a save');
    await screenshot(root, 'administration-sla');
  });

  it('engineers are told Administration is not for them; the menu does not offer it', async () => {
    const { page } = await e.newPage({ email: 'sam@support.example' });
    await page.getByRole('button', { name: /Sam Support/ }).click();
    expect(await page.getByRole('menuitem', { name: 'Administration' }).count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.goto('/admin');
    await page.getByText('Administration is for support administrators').waitFor();
  });
});
