import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES } from '../src/shared/enums.ts';
import { expectAccessible, screenshot } from './browser.ts';
import { type E2E, startE2E } from './support.ts';

/** A Windows program's first bytes ("MZ", the DOS stub, a PE header), to be named like a PDF. */
function windowsProgram(): Buffer {
  const b = Buffer.alloc(512);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  return b;
}

async function addFile(page: Page, name: string, buffer: Buffer, mimeType = 'text/plain'): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Add files' }).click();
  await (await chooser).setFiles({ name, mimeType, buffer });
}

/** Waits until the draft in local storage holds `text` (it is saved shortly after each change). */
async function draftHolds(page: Page, text: string): Promise<void> {
  await page.waitForFunction(
    (t) =>
      Object.keys(localStorage).some(
        (k) => k.startsWith('casebook:case-draft:') && (localStorage.getItem(k) ?? '').includes(t),
      ),
    text,
  );
}

async function draftKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('casebook:case-draft:')));
}

/** The required fields, quickly (org and case email are prefilled for bob). */
async function fillRequired(page: Page, subject: string): Promise<void> {
  await page.getByRole('radio', { name: /^P3 Medium/ }).check();
  await page.getByLabel(/^Subject/).fill(subject);
  await page.getByLabel(/^Detailed description/).fill(`${subject}: details.`);
  await page.getByRole('radio', { name: 'SAML single sign-on' }).check();
  await page.getByRole('radio', { name: 'A single user' }).check();
  await page.getByLabel(/^Preferred contact number/).pressSequentially('415 555 0100');
}

async function userId(e: E2E, email: string): Promise<string> {
  const row = await e.h.ctx.database.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('e2e: open a case', { timeout: 45_000 }, () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(() => e.close());

  /** A signed-in page whose waits fail within the test's time, naming the step that did not happen. */
  async function open(email: string, opts: { width?: number; colorScheme?: 'light' | 'dark' } = {}) {
    const { page } = await e.newPage({ email, ...opts });
    page.setDefaultTimeout(8_000);
    return page;
  }

  it('bob opens a P1 case with every field, a team contact and an attachment', {
    timeout: 60_000,
  }, async () => {
    const page = await open('bob@acme.example');
    await page.goto('/cases/new');
    await page.getByRole('heading', { name: 'Open a case', level: 1 }).waitFor();
    await page.getByRole('radio', { name: 'SAML single sign-on' }).waitFor();
    await page.getByText('Suggestions from the knowledge base appear here as you type.').waitFor();
    await expectAccessible(page, 'open a case, empty, light');
    await screenshot(page, 'open-case-empty');

    // Nothing filled in: the client checks, says so, and puts the focus on the first field to fix.
    await page.getByRole('button', { name: 'Open case' }).click();
    await page.getByRole('alert').filter({ hasText: 'Some fields need your attention' }).waitFor();
    await page.getByText('Choose a priority: P1, P2, P3 or P4').waitFor();
    await page.getByText('Subject is required').waitFor();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe(
      'priority',
    );
    await expectAccessible(page, 'open a case with errors, light');

    // Priority: each definition shown; P1 asks for the confirmation.
    const priority = page.getByRole('radiogroup', { name: /^Priority/ });
    await priority.getByText('Service down or severely degraded for all users.').waitFor();
    await priority.getByText('A question, a how-to or an enhancement request.').waitFor();
    await page.getByRole('radio', { name: /^P1 Critical/ }).check();
    await page.getByLabel(/^I confirm that I stay reachable around the clock/).check();

    // Recommended solutions are asked for as the subject is typed (GET /solutions, debounced) and come from
    // the demo knowledge base.
    const solutionsAsked = page.waitForRequest((r) => r.url().includes('/api/v1/solutions?'));
    const subject = 'SAML sign-in fails for every user after certificate rollover';
    await page.getByLabel(/^Subject/).fill(subject);
    const asked = new URL((await solutionsAsked).url());
    expect(asked.searchParams.get('q')).toContain('SAML sign-in fails');
    expect(asked.searchParams.get('limit')).toBe('5');
    await page.getByText(`${subject.length} of 255 characters`).waitFor();
    await page
      .getByLabel(/^Detailed description/)
      .fill('Since 08:00 UTC every SAML sign-in ends in "Invalid signature".\n\nerror_code=saml_invalid_sig');
    await page
      .getByLabel(/^Steps to reproduce/)
      .fill('1. Open the app tile\n2. Sign in\nRolled back: no change.');

    // Org impacted: bob is an admin of one org only, so it is chosen for him.
    const org = page.getByRole('combobox', { name: /^Org impacted/ });
    expect(await org.inputValue()).toBe('acme');
    expect(await org.locator('option:checked').textContent()).toBe('acme.example.com');

    // Issue area: common first; "More issue areas" reveals the rest; descriptions on hover and on focus.
    expect(await page.getByRole('radio', { name: 'Certificates and custom domains' }).count()).toBe(0);
    await page.getByRole('button', { name: 'More issue areas' }).click();
    const certificates = page.getByRole('radio', { name: 'Certificates and custom domains' });
    await page.getByRole('group', { name: 'Platform and administration' }).waitFor();
    await page.locator('[data-issue-area="certificates"]').hover();
    await page.getByRole('tooltip').filter({ hasText: 'Custom URL domains, TLS certificates' }).waitFor();
    await page.getByRole('radio', { name: 'Multi-factor authentication' }).focus();
    await page.getByRole('tooltip').filter({ hasText: 'Enrolling and resetting factors' }).waitFor();
    await certificates.check();
    await page.getByText('Selected: Certificates and custom domains').waitFor();
    const solutions = page.getByRole('region', { name: 'Recommended solutions' });
    const suggestion = solutions.getByRole('link', { name: /SAML|certificate/i }).first();
    await suggestion.waitFor();
    // A suggestion opens in a new tab, in the Support Center's reader, and is reported under the form's
    // session for the deflection measure; the form stays as it was.
    expect(await suggestion.getAttribute('href')).toMatch(/^\/kb\/[0-9a-f-]+$/);
    const openedEvent = page.waitForRequest(
      (r) => r.url().endsWith('/api/v1/solutions/events') && r.postDataJSON()?.type === 'opened',
    );
    const reader = page.waitForEvent('popup');
    await suggestion.click();
    const opened = (await openedEvent).postDataJSON() as { formSession: string; entryIds: string[] };
    expect(opened.formSession).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    await (await reader).close();

    await page.getByRole('radio', { name: 'A group of users' }).check();
    await page.getByLabel(/^Business impact/).fill('Nobody can reach payroll; the run is due tomorrow.');

    // Case email is prefilled with bob's address; he sends it to the team mailbox instead.
    const caseEmail = page.getByLabel(/^Case email/);
    expect(await caseEmail.inputValue()).toBe('bob@acme.example');
    await caseEmail.fill('IT-Oncall@acme.example');

    // Phone: a country, then the number, checked while typing and shown in E.164.
    await page.getByRole('button', { name: 'United States, US' }).click();
    await page.getByPlaceholder('Search countries').fill('Germany');
    await page.getByRole('option', { name: /Germany/ }).click();
    const phone = page.getByLabel(/^Preferred contact number/);
    await phone.pressSequentially('30 12');
    await page.getByText('Not a complete number yet').waitFor();
    await phone.pressSequentially('345678');
    await page.getByText('Valid number, saved as +493012345678.').waitFor();

    // Time zone: the browser's by default, searchable.
    const tz = page.getByRole('combobox', { name: /^Preferred contact time zone/ });
    expect(await tz.inputValue()).toMatch(/^Europe\/Berlin \(GMT\+[12]\)$/);
    await tz.click();
    await tz.fill('new york');
    await page.getByRole('option', { name: /^America\/New_York/ }).click();
    expect(await tz.inputValue()).toMatch(/^America\/New_York/);

    // Team contacts: a typeahead over the org's admins, without bob himself.
    const team = page.getByRole('combobox', { name: /^Add contact to team/ });
    await team.click();
    await page.getByRole('option', { name: /Dave Diaz/ }).waitFor();
    expect(await page.getByRole('option', { name: /Bob Brandt/ }).count()).toBe(0);
    await team.pressSequentially('dav');
    await page.getByRole('option', { name: /Dave Diaz/ }).click();
    await team.pressSequentially('car');
    await page.getByRole('option', { name: /Carol Chen/ }).click();
    await page.getByRole('button', { name: 'Remove Dave Diaz from the case team' }).waitFor();
    await page.getByRole('button', { name: 'Remove Carol Chen from the case team' }).waitFor();
    expect(await team.inputValue()).toBe('');

    // Attachments: too large is refused before any upload; a small text file is listed.
    await addFile(page, 'huge.har', Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 'a'));
    await page.getByRole('alert').filter({ hasText: 'huge.har was not added' }).waitFor();
    await page.getByText('each file may be at most 2 MB').waitFor();
    expect(await page.getByRole('button', { name: 'Remove huge.har' }).count()).toBe(0);
    await addFile(page, 'saml-trace.txt', Buffer.from('SAMLResponse: signature invalid\n'.repeat(200)));
    await page.getByRole('button', { name: 'Remove saml-trace.txt' }).waitFor();

    // A reload keeps everything typed (files cannot be kept: the page says so).
    await draftHolds(page, 'carol@acme.example');
    await page.reload();
    await page.getByRole('heading', { name: 'Open a case', level: 1 }).waitFor();
    await page.getByText('Your unsent case is back').waitFor();
    await page.getByText('please add saml-trace.txt again').waitFor();
    expect(await page.getByLabel(/^Subject/).inputValue()).toBe(subject);
    expect(await page.getByRole('radio', { name: /^P1 Critical/ }).isChecked()).toBe(true);
    expect(await page.getByLabel(/^I confirm that I stay reachable/).isChecked()).toBe(true);
    expect(await certificates.isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: 'A group of users' }).isChecked()).toBe(true);
    expect(await page.getByLabel(/^Case email/).inputValue()).toBe('IT-Oncall@acme.example');
    expect(await page.getByLabel(/^Preferred contact number/).inputValue()).toMatch(/^\+49 3012 345678/);
    expect(await tz.inputValue()).toMatch(/^America\/New_York/);
    await page.getByRole('button', { name: 'Remove Carol Chen from the case team' }).waitFor();
    await addFile(page, 'saml-trace.txt', Buffer.from('SAMLResponse: signature invalid\n'.repeat(200)));

    // The server refuses a team contact who stopped being an admin of the org meanwhile.
    const db = e.h.ctx.database.db;
    const carolId = await userId(e, 'carol@acme.example');
    const carolRow = await db
      .selectFrom('org_admins')
      .selectAll()
      .where('user_id', '=', carolId)
      .executeTakeFirstOrThrow();
    await db.deleteFrom('org_admins').where('user_id', '=', carolId).execute();
    await page.getByRole('button', { name: 'Open case' }).click();
    const teamError = page.getByText(/Not an admin of acme: carol@acme\.example/);
    await teamError.waitFor();
    expect(await team.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('case-teamContacts');
    await page.getByRole('alert').filter({ hasText: 'Some fields need your attention' }).waitFor();
    expect(await page.getByLabel(/^Subject/).inputValue()).toBe(subject);
    expect(await page.getByLabel(/^Business impact/).inputValue()).toMatch(/payroll/);
    await page.getByRole('button', { name: 'Remove saml-trace.txt' }).waitFor();
    await expectAccessible(page, 'open a case with a server error, light');
    await screenshot(page, 'open-case-server-error');
    await db.insertInto('org_admins').values(carolRow).execute();
    await page.getByRole('button', { name: 'Remove Carol Chen from the case team' }).click();
    expect(await teamError.count()).toBe(0);

    // Open it: the case first, then the file, with its progress bar (the upload is held until seen).
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => {
      release = r;
    });
    await page.route('**/api/v1/cases/*/attachments', async (route) => {
      await held;
      await route.continue();
    });
    await page.getByRole('button', { name: 'Open case' }).click();
    await page.getByRole('progressbar', { name: 'Upload of saml-trace.txt' }).waitFor({ state: 'attached' });
    await page.getByText('Attaching your files…').waitFor();
    release();
    await page.waitForURL(/\/cases\/\d{8}$/);
    const number = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByText(`Case ${number} opened`).waitFor();
    expect(await draftKeys(page)).toEqual([]);

    const res = await page.request.get(`/api/v1/cases/${number}`);
    expect(res.status()).toBe(200);
    const c = await res.json();
    expect(c).toMatchObject({
      number,
      status: 'new',
      priority: 'P1',
      p1Confirmed: true,
      subject,
      org: 'acme',
      issueArea: 'certificates',
      scope: 'group_of_users',
      caseEmail: 'it-oncall@acme.example',
      contactPhone: '+493012345678',
      contactTimezone: 'America/New_York',
    });
    expect(c.description).toContain('error_code=saml_invalid_sig');
    // The form session that opened a suggestion ended in this case: not a deflection.
    const form = await e.h.ctx.database.db
      .selectFrom('form_sessions')
      .innerJoin('cases', 'cases.id', 'form_sessions.case_id')
      .select(['cases.number', 'form_sessions.clicks'])
      .where('form_sessions.id', '=', opened.formSession)
      .executeTakeFirstOrThrow();
    expect(form).toEqual({ number, clicks: 1 });
    expect(c.stepsToReproduce).toContain('Rolled back');
    expect(c.businessImpact).toContain('payroll');
    expect(c.team.map((p: { email: string }) => p.email)).toEqual(['dave@acme.example']);
    const files = await (await page.request.get(`/api/v1/cases/${number}/attachments`)).json();
    expect(files.items).toHaveLength(1);
    expect(files.items[0]).toMatchObject({ filename: 'saml-trace.txt', contentType: 'text/plain' });

    // …and bob finds it in My cases through the Help menu, first in the list.
    await page.getByRole('button', { name: 'Help' }).click();
    await page.getByRole('menuitem', { name: 'My cases' }).click();
    await page.waitForURL(/\/cases(\?|$)/);
    await page.getByRole('link', { name: number }).first().waitFor();
  });

  it('says which file the server refused after the case was opened, and retries a lost upload', async () => {
    const page = await open('bob@acme.example');
    await page.goto('/cases/new?org=acme');
    await fillRequired(page, 'Exported report will not open');
    await addFile(page, 'report.pdf', windowsProgram(), 'application/pdf');
    await addFile(page, 'notes.txt', Buffer.from('plain notes\n'));
    // The first upload of notes.txt loses its connection.
    let dropped = false;
    await page.route('**/api/v1/cases/*/attachments', async (route) => {
      if (!dropped && route.request().postDataBuffer()?.includes('filename="notes.txt"')) {
        dropped = true;
        await route.abort('connectionreset');
      } else await route.continue();
    });
    await page.getByRole('button', { name: 'Open case' }).click();
    const refused = page.getByRole('alert').filter({ hasText: 'report.pdf was refused' });
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(/Windows program.*Executables cannot be attached/);
    await page.getByRole('alert').filter({ hasText: 'could not reach the Support Center' }).waitFor();
    const heading = page.getByRole('heading', { name: /^Case \d{8} is open$/ });
    const number = (await heading.textContent())!.match(/\d{8}/)![0];
    await page.getByText('2 files were not attached. The case itself is open').waitFor();
    await expectAccessible(page, 'uploads failed after the case was opened');
    await screenshot(page, 'open-case-upload-failed');
    await page.getByRole('button', { name: 'Retry failed uploads' }).click();
    await page.getByText('One file was not attached').waitFor();
    await page.getByText('Attached', { exact: true }).waitFor();
    await refused.waitFor();
    // A refused file stays refused: no retry, only the way on to the case.
    expect(await page.getByRole('button', { name: 'Retry failed uploads' }).count()).toBe(0);
    await page.getByRole('button', { name: `Continue to case ${number}` }).click();
    await page.waitForURL(new RegExp(`/cases/${number}$`));
    await page.getByText(`Case ${number} opened`).waitFor();
    const files = await (await page.request.get(`/api/v1/cases/${number}/attachments`)).json();
    expect(files.items.map((f: { filename: string }) => f.filename)).toEqual(['notes.txt']);
  });

  it('keeps the draft through an expired session and brings the user back to it', async () => {
    const page = await open('bob@acme.example');
    await page.goto('/cases/new');
    await fillRequired(page, 'Session ran out while I was typing');
    await draftHolds(page, 'Session ran out');
    await e.h.ctx.database.db
      .deleteFrom('sessions')
      .where('user_id', '=', await userId(e, 'bob@acme.example'))
      .execute();
    await page.getByRole('button', { name: 'Open case' }).click();
    await page.waitForURL(/\/sign-in\?redirect=/);
    await page.getByLabel(/^Email/).fill('bob@acme.example');
    await page.getByLabel(/^Password/).fill('casebook-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/cases\/new$/);
    await page.getByText('Your unsent case is back').waitFor();
    expect(await page.getByLabel(/^Subject/).inputValue()).toBe('Session ran out while I was typing');
    expect(await page.getByRole('radio', { name: 'SAML single sign-on' }).isChecked()).toBe(true);
    // Starting over empties the form and the stored draft.
    await page.getByRole('button', { name: 'Discard draft and start over' }).click();
    expect(await page.getByLabel(/^Subject/).inputValue()).toBe('');
    await page.waitForFunction(
      () => !Object.keys(localStorage).some((k) => k.startsWith('casebook:case-draft:')),
    );
  });

  it('drops team contacts who are not admins of a newly chosen org; shows suggestions as links', async () => {
    const page = await open('alice@acme.example');
    await page.goto('/cases/new?org=acme');
    const org = page.getByRole('combobox', { name: /^Org impacted/ });
    await expect.poll(() => org.inputValue()).toBe('acme');
    const team = page.getByRole('combobox', { name: /^Add contact to team/ });
    await team.pressSequentially('carol');
    await page.getByRole('option', { name: /Carol Chen/ }).click();
    await team.pressSequentially('dave');
    await page.getByRole('option', { name: /Dave Diaz/ }).click();
    await org.selectOption({ label: 'acme-preview.example.com' });
    await page
      .getByRole('status')
      .filter({ hasText: 'Removed from the case team: carol@acme.example. Only admins of acme-preview' })
      .waitFor();
    expect(await page.getByRole('button', { name: /^Remove .* from the case team$/ }).count()).toBe(1);
    await page.getByRole('button', { name: 'Remove Dave Diaz from the case team' }).waitFor();
    await team.click();
    await page.getByRole('option', { name: /Erin Evans/ }).waitFor();
    expect(await page.getByRole('option', { name: /Bob Brandt|Alice Anders/ }).count()).toBe(0);
    await page.keyboard.press('Escape');

    // Once the knowledge base answers (issue 4), its suggestions are links in the panel, best first.
    await page.route('**/api/v1/solutions?*', (route) =>
      route.fulfill({
        json: {
          items: [
            {
              id: '0190aaaa-0000-7000-8000-000000000001',
              title: 'Rotate a SAML signing certificate',
              url: 'https://help.example/rotate',
              kind: 'kb_article',
              snippet: 'Upload the new <mark>certificate</mark> before the old one expires &lt;today&gt;.',
            },
            { title: 'No id', url: 'javascript:alert(1)', kind: 'community_question', snippet: null },
          ],
        },
      }),
    );
    await page.getByLabel(/^Subject/).fill('SAML certificate rotation');
    const panel = page.getByRole('region', { name: 'Recommended solutions' });
    const link = panel.getByRole('link', { name: 'Rotate a SAML signing certificate' });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe('/kb/0190aaaa-0000-7000-8000-000000000001');
    await panel.getByText('Knowledge base article').waitFor();
    // the snippet's matched term is marked, and escaped text stays text
    expect(await panel.locator('mark').first().textContent()).toBe('certificate');
    await panel.getByText(/expires <today>\./).waitFor();
    // an item the panel cannot link to (no id) is left out
    expect(await panel.getByText('No id').count()).toBe(0);
    expect(await panel.getByRole('link').count()).toBe(1);
  });

  it('is accessible in the dark theme, fits 375 px, and shows carol why she cannot open cases', async () => {
    const page = await open('bob@acme.example', { width: 375, colorScheme: 'dark' });
    await page.goto('/cases/new');
    await page.getByRole('radio', { name: 'SAML single sign-on' }).waitFor();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'open a case, empty, dark, 375 px');
    await screenshot(page, 'open-case-375-dark');
    await page.getByRole('radio', { name: /^P1 Critical/ }).check();
    await page.getByRole('button', { name: 'Open case' }).click();
    await page.getByText('Subject is required').waitFor();
    await page.getByText('A P1 case needs you to confirm that you stay reachable').waitFor();
    await page.getByRole('button', { name: 'More issue areas' }).click();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'open a case with errors, dark, 375 px');
    await screenshot(page, 'open-case-errors-375-dark');

    const carol = await e.newPage({ email: 'carol@acme.example' });
    await carol.page.goto('/cases/new');
    await expect(carol.page.getByRole('alert').textContent()).resolves.toMatch(/Case Admin/);
    expect(await carol.page.getByLabel(/^Subject/).count()).toBe(0);
  });

  it('works with the keyboard alone, in a sensible order', async () => {
    const page = await open('bob@acme.example');
    await page.goto('/cases/new');
    await page.getByRole('radio', { name: 'SAML single sign-on' }).waitFor();
    await page.getByRole('heading', { name: 'Open a case', level: 1 }).click();

    /** The name of the focused control: its label, or its own text, or aria-label. */
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement | null;
        if (!el) return '';
        const label = el.labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? el.textContent ?? '';
        return label.replace(/\s*\*$/, '').trim();
      });
    const order: string[] = [];
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      const name = await focused();
      if (order.at(-1) !== name) order.push(name);
      if (name === 'Open case') break;
    }
    const expected = [
      'P1 Critical',
      'Subject',
      'Detailed description',
      'Steps to reproduce',
      'Org impacted',
      'SAML single sign-on',
      'More issue areas',
      'All users',
      'Business impact',
      'Add files',
      'Case email',
      'United States, US',
      'Preferred contact number',
      'Preferred contact time zone',
      'Add contact to team',
      'Open case',
    ];
    expect(order.filter((n) => expected.includes(n))).toEqual(expected);

    // Choose with the keyboard: arrows in radio groups, the description of a focused area, typing.
    await page.getByRole('radio', { name: /^P1 Critical/ }).focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('radio', { name: /^P2 High/ }).isChecked()).toBe(true);
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Subject');
    await page.keyboard.type('Keyboard only');
    await page.getByRole('radio', { name: 'SAML single sign-on' }).focus();
    await page.getByRole('tooltip').filter({ hasText: 'SAML 2.0 apps' }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.getByRole('tooltip').filter({ hasText: 'OIDC and OAuth 2.0 clients' }).waitFor();
    expect(await page.getByRole('radio', { name: 'OpenID Connect and OAuth apps' }).isChecked()).toBe(true);
  });
});
