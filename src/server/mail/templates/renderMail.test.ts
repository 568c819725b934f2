import { describe, expect, it } from 'vitest';
import {
  type CaseSummary,
  type MailEvent,
  type MailEventKind,
  REPLY_MARKER,
  type RenderOptions,
} from './mailEvents.ts';
import { markdownToHtml } from './mailLayout.ts';
import { formatBytes, renderMail } from './renderMail.ts';

const options: RenderOptions = { productName: 'Casebook Support', publicUrl: 'https://support.example.com' };
const CASE_URL = 'https://support.example.com/cases/00012345';

function summary(text: string, overrides: Partial<CaseSummary> = {}): CaseSummary {
  return {
    number: '00012345',
    subject: `SSO login fails ${text}`,
    status: 'open',
    priority: 'P2',
    org: `acme.example.com ${text}`,
    accountName: `Acme ${text}`,
    issueArea: `Single sign-on ${text}`,
    caseUrl: CASE_URL,
    contactTimezone: 'Europe/Berlin',
    ...overrides,
  };
}

type EventOf<K extends MailEventKind> = Extract<MailEvent, { kind: K }>;

/** One event of every kind, with `text` in every free-text field; the mapped type fails to compile if a kind is missing. */
function samples(text: string): { [K in MailEventKind]: EventOf<K> } {
  const c = summary(text);
  return {
    case_created: {
      kind: 'case_created',
      case: { ...c, status: 'new' },
      openedBy: `Bob ${text}`,
      description: `Users see error 500 ${text}`,
      scope: 'all_users',
      firstResponseDueAt: '2025-03-05T13:30:00.000Z',
      contactPhone: '+493012345678',
    },
    public_reply: {
      kind: 'public_reply',
      case: c,
      authorName: `Erin ${text}`,
      fromSupport: true,
      body: `Please send the logs ${text}`,
      attachments: [`trace ${text}.har`],
    },
    status_changed: {
      kind: 'status_changed',
      case: { ...c, status: 'solved' },
      from: 'open',
      to: 'solved',
      byName: `Erin ${text}`,
      note: `Fixed by the rollback ${text}`,
    },
    priority_changed: {
      kind: 'priority_changed',
      case: { ...c, priority: 'P1' },
      from: 'P2',
      to: 'P1',
      byName: `Erin ${text}`,
      reason: `All users are affected ${text}`,
    },
    team_added: { kind: 'team_added', case: c, contactName: `Carol ${text}`, addedBy: `Bob ${text}` },
    attachment_added: {
      kind: 'attachment_added',
      case: c,
      fileName: `server ${text}.log`,
      size: 1536,
      byName: `Bob ${text}`,
    },
    escalation: {
      kind: 'escalation',
      case: c,
      state: 'requested',
      byName: `Bob ${text}`,
      reason: `No answer for two days ${text}`,
      justification: `Payroll blocked ${text}`,
    },
    pending_reminder: {
      kind: 'pending_reminder',
      case: { ...c, status: 'pending_customer' },
      pendingSince: '2025-03-01T09:00:00.000Z',
    },
    bounce: {
      kind: 'bounce',
      reason: 'message_too_large',
      originalSubject: `Re: [Case 00012345] logs ${text}`,
      caseNumber: '00012345',
      portalUrl: 'https://support.example.com/',
      caseUrl: CASE_URL,
      sender: `bob@acme.example.com ${text}`,
      detail: `31 MB, limit 25 MB ${text}`,
    },
  };
}

const caseKinds = Object.values(samples('')).filter(
  (e): e is Exclude<MailEvent, { kind: 'bounce' }> => e.kind !== 'bounce',
);

describe('renderMail: every event kind', () => {
  it.each(Object.values(samples('')).map((e) => [e.kind, e] as const))(
    '%s renders subject, text and html',
    (_, event) => {
      const mail = renderMail(event, options);
      expect(mail.subject.length).toBeGreaterThan(5);
      expect(mail.subject).not.toMatch(/[\r\n]/);
      expect(mail.text.length).toBeGreaterThan(100);
      expect(mail.text).not.toMatch(/<\/?(p|div|a|h1|strong)\b/);
      expect(mail.html).toMatch(/^<!doctype html>\n<html lang="en">/);
      expect(mail.html).toContain('<h1 ');
      expect(mail.html).not.toContain('<table');
      expect(mail.html).not.toMatch(/<style|<link|class="(?!language-)/);
    },
  );

  it.each(caseKinds.map((e) => [e.kind, e] as const))(
    '%s: case subject, reply marker first, footer last',
    (_, event) => {
      const mail = renderMail(event, { ...options, recipient: 'team_contact' });
      expect(mail.subject.startsWith('[Case 00012345] SSO login fails')).toBe(true);
      expect(mail.text.startsWith(`${REPLY_MARKER}\n`)).toBe(true);
      expect(mail.html.indexOf(REPLY_MARKER)).toBeGreaterThan(0);
      expect(mail.html.indexOf(REPLY_MARKER)).toBeLessThan(mail.html.indexOf('<h1 '));
      const footer = mail.text.slice(mail.text.lastIndexOf('\n-- \n'));
      expect(footer).toContain(`Case page: ${CASE_URL}`);
      expect(footer).toContain('Reply to this email to add a comment to the case.');
      expect(footer).toContain('because you are on the team of case 00012345');
      expect(mail.html).toContain(`href="${CASE_URL}"`);
      expect(mail.html).toContain('Reply to this email to add a comment to the case.');
    },
  );

  it('gives every mail of a case the same subject, so mail clients keep one thread', () => {
    const s = samples('');
    for (const kind of [
      'status_changed',
      'priority_changed',
      'escalation',
      'public_reply',
      'case_created',
    ] as const) {
      expect(renderMail(s[kind], options).subject, kind).toBe('[Case 00012345] SSO login fails');
    }
  });

  it('confirms a new case with its number, summary and first-response time in the contact time zone', () => {
    const { text } = renderMail(samples('').case_created, options);
    expect(text).toContain('We received case 00012345');
    expect(text).toContain('Priority: P2 High');
    expect(text).toContain('Scope: All users');
    expect(text).toContain('Users see error 500');
    // 13:30 UTC is 14:30 in Berlin in March
    expect(text).toContain('by Mar 5, 2025, 2:30 PM (Europe/Berlin)');
    expect(text).not.toContain('reachable');
  });

  it('asks the contact of a P1 case to stay reachable', () => {
    const created = samples('').case_created;
    const p1 = renderMail({ ...created, case: { ...created.case, priority: 'P1' } }, options);
    expect(p1.text).toContain(
      'stay reachable around the clock at +493012345678 until the issue is mitigated',
    );
    expect(p1.html).toContain('stay reachable around the clock');
    expect(renderMail(samples('').priority_changed, options).text).toContain('stay reachable');
  });

  it('explains the reminder and the auto-solve date, with the days as parameters', () => {
    const reminder = samples('').pending_reminder;
    const byDefault = renderMail(reminder, options).text;
    expect(byDefault).toContain('solved automatically 7 days after support asks');
    expect(byDefault).toContain('solved on Mar 8, 2025, 10:00 AM (Europe/Berlin)');
    const custom = renderMail(reminder, { ...options, autoSolveDays: 5 }).text;
    expect(custom).toContain('solved automatically 5 days after support asks');
    expect(custom).toContain('solved on Mar 6, 2025');

    const pending: EventOf<'status_changed'> = {
      kind: 'status_changed',
      case: summary('', { status: 'pending_customer' }),
      from: 'open',
      to: 'pending_customer',
      byName: 'Erin',
    };
    expect(renderMail(pending, options).text).toContain(
      'reminder after 3 days and mark the case solved after 7 days',
    );
    expect(renderMail(pending, { ...options, pendingReminderDays: 2, autoSolveDays: 10 }).text).toContain(
      'reminder after 2 days and mark the case solved after 10 days',
    );
  });

  it('tells apart an automatic solve, and a closed case gets no invitation to reply', () => {
    const auto = renderMail(
      {
        kind: 'status_changed',
        case: summary('', { status: 'solved' }),
        from: 'pending_customer',
        to: 'solved',
        byName: null,
      },
      options,
    );
    expect(auto.text).toContain('was solved automatically');
    expect(auto.text).toContain('Changed by: automatically');
    expect(auto.text).toContain('reopen the case on the case page within 14 days');

    const closed = renderMail(
      {
        kind: 'status_changed',
        case: summary('', { status: 'closed' }),
        from: 'solved',
        to: 'closed',
        byName: null,
      },
      options,
    );
    expect(closed.subject).toBe('[Case 00012345] SSO login fails');
    expect(closed.text).not.toContain('Reply to this email to add a comment');
    expect(closed.text).toContain(
      'open a new case in the Support Center (https://support.example.com/cases/new) and mention case 00012345',
    );
    expect(closed.html).toContain('href="https://support.example.com/cases/new"');
  });

  it('says why the recipient gets the mail', () => {
    const reply = samples('').public_reply;
    expect(renderMail(reply, { ...options, recipient: 'case_email' }).text).toContain(
      'your address is the contact email of case 00012345',
    );
    expect(renderMail(reply, options).text).toContain('you are the contact or on the team of case 00012345');
    const staff = renderMail(samples('').escalation, { ...options, recipient: 'support_staff' }).text;
    expect(staff).toContain('as support staff');
    expect(staff).not.toContain('Reply to this email to add a comment');
  });

  it('never renders an internal note: there is no such event, and an unknown kind is refused', () => {
    const internalNote = { kind: 'internal_note', case: summary(''), body: 'secret' };
    // @ts-expect-error internal notes are not a mail event
    const attempt = () => renderMail(internalNote, options);
    expect(attempt).toThrow(/no mail template for event kind internal_note/);
  });
});

describe('renderMail: escaping', () => {
  const hostile = '<script>alert("x")</script> & <img src=x onerror=alert(1)> \'q\'';

  it.each(Object.values(samples(hostile)).map((e) => [e.kind, e] as const))(
    '%s: no interpolated value appears raw in the HTML',
    (_, event) => {
      const { html, text } = renderMail(event, options);
      expect(html).not.toMatch(/<script|<img|<\/script/i);
      expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img');
      // every & in the document starts an entity
      expect(html).not.toMatch(/&(?!(amp|lt|gt|quot|#39);)/);
      // the plain text part shows the words as they were typed
      expect(text).toContain(hostile);
    },
  );

  it('keeps CR/LF out of subjects (no header injection)', () => {
    const created = samples('').case_created;
    const mail = renderMail(
      { ...created, case: { ...created.case, subject: 'a\r\nBcc: x@evil.example' } },
      options,
    );
    expect(mail.subject).toBe('[Case 00012345] a Bcc: x@evil.example');
    const bounce = renderMail(
      { ...samples('').bounce, originalSubject: 'hi\r\nBcc: x@evil.example' },
      options,
    );
    expect(bounce.subject).toBe('Not added to a case: hi Bcc: x@evil.example');
  });
});

describe('renderMail: Markdown comment bodies', () => {
  function replyHtml(body: string): string {
    return renderMail({ ...samples('').public_reply, body }, options).html;
  }

  it('renders emphasis, lists and code', () => {
    const html = replyHtml(
      'Try *this* and **that**:\n\n1. stop\n2. start\n\n- one\n- two\n\nRun `npm ls`:\n\n```sh\necho "<x>" && exit\n```\n\n> quoted',
    );
    expect(html).toContain('<em>this</em>');
    expect(html).toContain('<strong>that</strong>');
    expect(html).toMatch(/<ol style="[^"]*">\s*<li style="[^"]*">stop<\/li>/);
    expect(html).toMatch(/<ul style="[^"]*">\s*<li style="[^"]*">one<\/li>/);
    expect(html).toMatch(/<code style="[^"]*">npm ls<\/code>/);
    expect(html).toMatch(
      /<pre style="[^"]*"><code class="language-sh" style="[^"]*">echo &quot;&lt;x&gt;&quot; &amp;&amp; exit\n<\/code><\/pre>/,
    );
    expect(html).toMatch(/<blockquote style="[^"]*">/);
    // the text part keeps the Markdown source, readable as it is
    expect(renderMail({ ...samples('').public_reply, body: 'Try *this*' }, options).text).toContain(
      'Try *this*',
    );
  });

  it('escapes raw HTML instead of interpreting it', () => {
    const html = replyHtml(
      'Hello <b onclick="x()">bold</b>\n\n<div>block</div>\n\n<script>alert(1)</script>',
    );
    expect(html).toContain('&lt;b onclick=&quot;x()&quot;&gt;bold&lt;/b&gt;');
    expect(html).toContain('&lt;div&gt;block&lt;/div&gt;');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<b |<div>|<script/);
  });

  it('drops dangerous links and loads no images', () => {
    const html = markdownToHtml(
      '[click](javascript:alert(1)) [ok](https://example.com/a?b=1&c=2) ![pixel](https://t.example/p.png)',
    );
    expect(html).not.toContain('javascript:');
    expect(html).toContain('href="https://example.com/a?b=1&amp;c=2"');
    expect(html).not.toContain('<img');
    expect(html).toContain('href="https://t.example/p.png"');
  });

  it('demotes headings below the mail headline', () => {
    const html = markdownToHtml('# Big\n\n### Small');
    expect(html).toMatch(/<h3 style="[^"]*">Big<\/h3>/);
    expect(html).toMatch(/<h5 style="[^"]*">Small<\/h5>/);
    expect(html).not.toContain('<h1');
  });
});

describe('renderMail: bounces', () => {
  const base = samples('').bounce;

  it.each([
    [
      'not_a_case_participant',
      /only the person who opened the case, its team contacts/,
      /Reply from the address/,
    ],
    ['no_matching_case', /does not answer any case/, /To open a new case, use the Support Center/],
    ['case_closed', /not added to case 00012345 because the case is closed/, /mention case 00012345/],
    ['message_too_large', /larger than we accept by email/, /up to 2 MB each/],
    ['rate_limited', /too many emails from your address/, /Wait a while and send it again/],
  ] as const)('%s: says why and what to do', (reason, why, todo) => {
    const mail = renderMail({ ...base, reason }, options);
    expect(mail.subject).toBe('Not added to a case: Re: [Case 00012345] logs');
    expect(mail.text).toMatch(why);
    expect(mail.text).toMatch(todo);
    expect(mail.text).toContain('https://support.example.com/');
    expect(mail.text).not.toContain(REPLY_MARKER);
    expect(mail.html).not.toContain(REPLY_MARKER);
  });

  it('does not confirm to a stranger that the case exists', () => {
    const mail = renderMail({ ...base, reason: 'not_a_case_participant' }, options);
    expect(mail.text).toContain('Your email was not added to a case');
    expect(mail.text.replace('Re: [Case 00012345] logs', '')).not.toContain('00012345');
  });
});

describe('formatBytes', () => {
  it('uses the largest fitting unit', () => {
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(1023)).toBe('1023 bytes');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(2 * 1024 * 1024)).toBe('2 MB');
  });
});
