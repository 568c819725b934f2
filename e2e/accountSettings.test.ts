import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/** Toggles a switch from the keyboard, as a keyboard-only user would. */
async function toggle(page: Page, name: string) {
  const sw = page.getByRole('switch', { name, exact: true });
  await sw.focus();
  await page.keyboard.press('Space');
}

const isOn = (page: Page, name: string) => page.getByRole('switch', { name, exact: true }).isChecked();

async function seats(page: Page, text: string) {
  await page.getByText(text, { exact: true }).waitFor();
}

/** Waits for the confirmation notification of a change, then closes it so the next one is fresh. */
async function confirmed(page: Page, message: string) {
  const note = page.locator('.mantine-Notification-root', { hasText: message });
  await note.waitFor();
  await note.getByRole('button').click();
  await note.waitFor({ state: 'detached' });
}

describe('e2e: account settings (Case Admin and Elevated Support Contact seats)', () => {
  let e: E2E;
  let alice: Page;
  beforeAll(async () => {
    e = await startE2E();
    alice = await signedIn(e, 'alice@acme.example');
  });
  afterAll(() => e.close());

  it('shows alice the account, its plan and the seats used / cap', async () => {
    await alice.getByRole('button', { name: /Alice Anders/ }).click();
    await alice.getByRole('menuitem', { name: 'Account settings' }).click();
    await alice.getByRole('heading', { name: 'Account settings', level: 1 }).waitFor();
    await alice.getByRole('heading', { name: 'Acme Corp' }).waitFor();
    await alice.getByText('Gold plan', { exact: true }).waitFor();
    await seats(alice, '1 / 20 used');
    const bar = alice.getByRole('progressbar', { name: 'Elevated Support Contact seats' });
    expect(await bar.getAttribute('aria-valuenow')).toBe('1');
    expect(await bar.getAttribute('aria-valuemax')).toBe('20');
    // super admins always hold Case Admin: shown on, disabled, with the reason
    const own = alice.getByRole('switch', { name: 'Case Admin: Alice Anders', exact: true });
    expect(await own.isChecked()).toBe(true);
    expect(await own.isDisabled()).toBe(true);
    expect(await own.getAttribute('aria-describedby')).toBeTruthy();
    const table = alice.getByRole('region', { name: 'Admins and their permissions' });
    await table.getByText('Super admins always hold Case Admin').waitFor();
    // no ESC without Case Admin
    const carolEsc = alice.getByRole('switch', { name: 'Elevated Support Contact: Carol Chen', exact: true });
    expect(await carolEsc.isDisabled()).toBe(true);
    await table.getByText('Needs Case Admin first').waitFor();
    await alice.getByText('No permission changes yet.', { exact: false }).waitFor();
    await expectAccessible(alice, 'account settings');
    await screenshot(alice, 'account-settings');
  });

  it('grants carol Case Admin, and carol can then open My cases', async () => {
    await toggle(alice, 'Case Admin: Carol Chen');
    await confirmed(alice, 'Carol Chen now holds Case Admin.');
    expect(await isOn(alice, 'Case Admin: Carol Chen')).toBe(true);
    expect(
      await alice.getByRole('switch', { name: 'Elevated Support Contact: Carol Chen' }).isDisabled(),
    ).toBe(false);
    await alice.getByText('Alice Anders granted Case Admin to Carol Chen').waitFor();

    const carol = await signedIn(e, 'carol@acme.example');
    await carol.goto('/cases');
    await carol.getByRole('heading', { name: 'My open cases' }).waitFor();
    expect(await carol.getByText('Support cases are not available to you').count()).toBe(0);
  });

  it('assigns bob an Elevated Support Contact seat, then removes it', async () => {
    await toggle(alice, 'Elevated Support Contact: Bob Brandt');
    await seats(alice, '2 / 20 used');
    expect(await isOn(alice, 'Elevated Support Contact: Bob Brandt')).toBe(true);
    // keyboard focus stays on the switch through the change
    expect(await alice.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Elevated Support Contact: Bob Brandt',
    );
    await confirmed(alice, 'Bob Brandt is now an Elevated Support Contact.');
    await alice.getByText('Alice Anders made Bob Brandt an Elevated Support Contact').waitFor();

    await toggle(alice, 'Elevated Support Contact: Bob Brandt');
    await confirmed(alice, 'Bob Brandt is no longer an Elevated Support Contact.');
    await seats(alice, '1 / 20 used');
    expect(await isOn(alice, 'Elevated Support Contact: Bob Brandt')).toBe(false);
    await alice.getByText('Alice Anders removed Bob Brandt as Elevated Support Contact').waitFor();
  });

  it("warns that revoking dave's Case Admin removes his Elevated Support Contact seat too", async () => {
    // cancelling changes nothing
    await toggle(alice, 'Case Admin: Dave Diaz');
    let dialog = alice.getByRole('dialog', { name: 'Revoke Case Admin from Dave Diaz?' });
    await dialog.waitFor();
    // let the opening transition finish: axe measures colours mid-fade otherwise
    await dialog.evaluate((el) =>
      Promise.all(el.ownerDocument.getAnimations().map((a) => a.finished.catch(() => undefined))),
    );
    await expect(dialog.textContent()).resolves.toMatch(/Elevated Support Contact.*seat is removed too/);
    await expectAccessible(alice, 'revoke Case Admin dialog');
    await screenshot(alice, 'account-settings-revoke-dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await isOn(alice, 'Case Admin: Dave Diaz')).toBe(true);
    expect(await isOn(alice, 'Elevated Support Contact: Dave Diaz')).toBe(true);

    await toggle(alice, 'Case Admin: Dave Diaz');
    dialog = alice.getByRole('dialog', { name: 'Revoke Case Admin from Dave Diaz?' });
    await dialog.getByRole('button', { name: 'Revoke Case Admin and the seat' }).click();
    await confirmed(
      alice,
      'Case Admin revoked from Dave Diaz, and with it the Elevated Support Contact seat.',
    );
    await seats(alice, '0 / 20 used');
    expect(await isOn(alice, 'Case Admin: Dave Diaz')).toBe(false);
    expect(await isOn(alice, 'Elevated Support Contact: Dave Diaz')).toBe(false);
    await alice.getByText('Alice Anders revoked Case Admin from Dave Diaz').waitFor();
    await alice.getByText('Dave Diaz lost the Elevated Support Contact seat with Case Admin').waitFor();
  });

  it('explains the cap, and shows the server refusing a seat taken meanwhile (409)', async () => {
    const db = e.h.ctx.database.db;
    const setCap = (n: number) =>
      db.updateTable('plans').set({ esc_seats: n }).where('key', '=', 'gold').execute();
    try {
      await setCap(2);
      await alice.reload();
      await seats(alice, '0 / 2 used');
      await toggle(alice, 'Elevated Support Contact: Bob Brandt');
      await confirmed(alice, 'Bob Brandt is now an Elevated Support Contact.');
      await seats(alice, '1 / 2 used');

      // the plan shrinks behind the page's back: the server refuses, the page says why and refreshes
      await setCap(1);
      await toggle(alice, 'Elevated Support Contact: Erin Evans');
      const error = alice.getByRole('alert').filter({ hasText: 'The change was not saved' });
      await expect(error.textContent()).resolves.toMatch(/seats? of the gold plan (are|is) taken/);
      await seats(alice, '1 / 1 used');
      expect(await isOn(alice, 'Elevated Support Contact: Erin Evans')).toBe(false);

      // at the cap, turning ESC on is disabled, with the cap explained
      await alice
        .getByText('The one seat of the gold plan is taken: remove an Elevated Support Contact first.')
        .waitFor();
      const erin = alice.getByRole('switch', { name: 'Elevated Support Contact: Erin Evans', exact: true });
      expect(await erin.isDisabled()).toBe(true);
      await expectAccessible(alice, 'account settings at the cap, with an error');
      await screenshot(alice, 'account-settings-cap');
      // the one who holds the seat can still give it up
      expect(
        await alice.getByRole('switch', { name: 'Elevated Support Contact: Bob Brandt' }).isDisabled(),
      ).toBe(false);

      await setCap(20);
      await alice.reload();
      await seats(alice, '1 / 20 used');
      expect(await alice.getByText('remove an Elevated Support Contact first').count()).toBe(0);
    } finally {
      await setCap(20);
    }
  });

  it('is usable at 375 px wide in the dark theme', async () => {
    const phone = await signedIn(e, 'alice@acme.example', { width: 375, colorScheme: 'dark' });
    await phone.goto('/account/permissions');
    // cards with visible switch labels instead of the table
    await phone.getByRole('switch', { name: 'Case Admin: Carol Chen', exact: true }).waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(phone, 'account settings at 375 px, dark');
    await screenshot(phone, 'account-settings-375-dark');
  });

  it('tells bob (not a super admin) plainly that only super admins manage case permissions', async () => {
    const bob = await signedIn(e, 'bob@acme.example');
    await bob.goto('/account/permissions');
    await bob.getByText('Only super admins manage case permissions').waitFor();
    expect(await bob.getByRole('switch').count()).toBe(0);
    await expectAccessible(bob, 'account settings, not a super admin');
  });
});
