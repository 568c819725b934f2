import { describe, expect, it } from 'vitest';
import { classifyAutomated } from './automatedMail.ts';

/** Headers of an ordinary reply from Gmail (the shape that must get through). */
const HUMAN_REPLY: Record<string, string | string[]> = {
  'MIME-Version': '1.0',
  Date: 'Mon, 3 Nov 2025 14:20:11 +0100',
  'Message-ID': '<CAF3x9=k2N@mail.gmail.com>',
  'In-Reply-To': '<case-00012345-3@support.example.com>',
  References: '<case-00012345-1@support.example.com> <case-00012345-3@support.example.com>',
  Subject: 'Re: [Case 00012345] Label printer offline',
  From: 'Bob Smith <bob@acme.example>',
  To: 'Casebook Support <support+00012345.Zm9vYmFyYmF6cXV4@support.example.com>',
  'Content-Type': 'multipart/alternative; boundary="000000000000a1b2c3"',
  Received: ['from mail-wr1.google.com by mx.support.example.com', 'by 2002:a05:6000:1 with SMTP'],
  'X-Auto-Response-Suppress': 'DR, RN, NRN',
};

const BOB = 'Bob Smith <bob@acme.example>';

function classify(
  extra: Record<string, string | string[]>,
  from = BOB,
  envelopeFrom: string | null = 'bob@acme.example',
) {
  return classifyAutomated({ ...HUMAN_REPLY, ...extra }, from, envelopeFrom);
}

describe('classifyAutomated', () => {
  it('lets an ordinary reply through', () => {
    expect(classifyAutomated(HUMAN_REPLY, BOB, 'bob@acme.example')).toBeNull();
    expect(classifyAutomated(HUMAN_REPLY, 'bob@acme.example', null)).toBeNull();
  });

  it.each([
    ['auto-replied', { 'Auto-Submitted': 'auto-replied' }],
    ['auto-generated with a comment', { 'Auto-Submitted': 'auto-generated (vacation)' }],
    ['auto-notified with parameters', { 'auto-submitted': 'auto-notified; owner-email="x@y.example"' }],
  ])('flags Auto-Submitted: %s', (_label, headers) => {
    expect(classify(headers)?.reason).toMatch(/^Auto-Submitted: auto-/);
  });

  it('lets Auto-Submitted: no through, in any case and spacing', () => {
    expect(classify({ 'Auto-Submitted': ' No ' })).toBeNull();
  });

  it.each([
    ['X-Autoreply', { 'X-Autoreply': 'yes' }, 'X-Autoreply present'],
    ['X-Autorespond', { 'X-Autorespond': 'Out of office until Monday' }, 'X-Autorespond present'],
    ['X-Auto-Response-Suppress: All', { 'X-Auto-Response-Suppress': 'All' }, 'X-Auto-Response-Suppress: All'],
    [
      'X-Auto-Response-Suppress with OOF',
      { 'X-Auto-Response-Suppress': 'DR, OOF' },
      'X-Auto-Response-Suppress: DR, OOF',
    ],
    [
      'X-Auto-Response-Suppress with AutoReply',
      { 'x-auto-response-suppress': 'AutoReply' },
      'X-Auto-Response-Suppress: AutoReply',
    ],
    ['Precedence: bulk', { Precedence: 'bulk' }, 'Precedence: bulk'],
    ['Precedence: junk', { PRECEDENCE: 'Junk' }, 'Precedence: Junk'],
    ['Precedence: list', { Precedence: 'list' }, 'Precedence: list'],
    ['Precedence: auto_reply', { Precedence: 'auto_reply' }, 'Precedence: auto_reply'],
    ['List-Id', { 'List-Id': 'Printer users <printers.lists.acme.example>' }, 'List-Id present (list mail)'],
    [
      'List-Unsubscribe',
      { 'List-Unsubscribe': '<https://news.example/u/123>' },
      'List-Unsubscribe present (list mail)',
    ],
    [
      'a delivery status report',
      { 'Content-Type': 'multipart/report; report-type=delivery-status; boundary="b1"' },
      'Content-Type multipart/report (a delivery report)',
    ],
    ['Return-Path: <>', { 'Return-Path': '<>' }, 'empty Return-Path (a bounce)'],
  ])('flags %s', (_label, headers, reason) => {
    expect(classify(headers)).toEqual({ reason });
  });

  it('lets ordinary Precedence and X-Auto-Response-Suppress values through', () => {
    expect(classify({ Precedence: 'first-class' })).toBeNull();
    expect(classify({ 'X-Auto-Response-Suppress': 'DR, NDR, RN, NRN' })).toBeNull();
  });

  it('flags an empty envelope sender (MAIL FROM:<>) as a bounce, but not an unknown one', () => {
    expect(classify({}, BOB, '')).toEqual({ reason: 'empty envelope sender (a bounce)' });
    expect(classify({}, BOB, '<>')).toEqual({ reason: 'empty envelope sender (a bounce)' });
    expect(classify({}, BOB, null)).toBeNull();
  });

  it.each([
    'Mail Delivery Subsystem <mailer-daemon@googlemail.com>',
    'MAILER-DAEMON@mx1.acme.example',
    'postmaster@acme.example',
    'noreply@acme.example',
    'ACME Notifications <no-reply@acme.example>',
    'no_reply@acme.example',
    'DoNotReply@acme.example',
    'do-not-reply@acme.example',
    'noreply-alerts@monitoring.example',
    'bounces+12345@mailer.example',
  ])('flags the robot sender %s', (from) => {
    expect(classify({}, from)?.reason).toMatch(/^sender .+@… is a robot$/);
  });

  it('flags a robot envelope sender behind a human From', () => {
    expect(classify({}, BOB, 'MAILER-DAEMON@mx1.acme.example')).toEqual({
      reason: 'envelope sender mailer-daemon@… is a robot',
    });
  });

  it.each([
    'Norbert <norbert@acme.example>',
    'replyteam@acme.example',
    'post.master.of.puppets@acme.example',
    'noreplyguy@acme.example',
  ])('lets the person %s through', (from) => {
    expect(classify({}, from, null)).toBeNull();
  });

  it.each([
    'Auto: Label printer offline',
    'Automatic reply: [Case 00012345] Label printer offline',
    'Out of Office: Re: [Case 00012345] Label printer offline',
    'OUT OF OFFICE until 10 November',
    '[Out of office] Bob Smith',
    'Undeliverable: [Case 00012345] Label printer offline',
    'Delivery Status Notification (Failure)',
    'Undelivered Mail Returned to Sender',
    'Automatische Antwort: [Case 00012345] Drucker offline',
    'Réponse automatique : [Case 00012345]',
    'Respuesta automática: [Case 00012345]',
    'Automatisch antwoord: [Case 00012345]',
  ])('flags the subject "%s"', (subject) => {
    expect(classify({ Subject: subject })?.reason).toMatch(/^subject "/);
  });

  it.each([
    'Re: [Case 00012345] Auto: the printer is back',
    'Re: [Case 00012345] Out of paper again',
    'Autumn maintenance window',
  ])('lets the subject "%s" through', (subject) => {
    expect(classify({ Subject: subject })).toBeNull();
  });

  it('reads header names in any case, from a Map and repeated values from arrays', () => {
    const headers = new Map<string, string | string[]>([
      ['subject', 'Re: [Case 00012345] Label printer offline'],
      ['AUTO-SUBMITTED', ['no', 'auto-replied']],
    ]);
    expect(classifyAutomated(headers, BOB, null)).toEqual({ reason: 'Auto-Submitted: auto-replied' });
  });

  it('reads mailparser’s header map: structured Content-Type, address objects and the folded list entry', () => {
    const parsed = new Map<string, unknown>([
      ['subject', 'Re: [Case 00012345] Label printer offline'],
      ['from', { value: [{ address: 'bob@acme.example', name: 'Bob' }], text: '"Bob" <bob@acme.example>' }],
      ['content-type', { value: 'text/plain', params: { charset: 'utf-8' } }],
      ['date', new Date('2025-11-03T13:20:11Z')],
    ]);
    expect(classifyAutomated(parsed, BOB, 'bob@acme.example')).toBeNull();

    parsed.set('list', { id: { id: 'printers.lists.acme.example', name: 'Printer users' } });
    expect(classifyAutomated(parsed, BOB, 'bob@acme.example')).toEqual({
      reason: 'List-Id present (list mail)',
    });

    parsed.delete('list');
    parsed.set('content-type', { value: 'multipart/report', params: { 'report-type': 'delivery-status' } });
    expect(classifyAutomated(parsed, BOB, 'bob@acme.example')?.reason).toMatch(/multipart\/report/);

    parsed.set('content-type', { value: 'text/plain', params: {} });
    parsed.set('return-path', { value: [], html: '', text: '' });
    expect(classifyAutomated(parsed, BOB, 'bob@acme.example')).toEqual({
      reason: 'empty Return-Path (a bounce)',
    });
  });

  it('flags a real Exchange out-of-office reply', () => {
    const headers = {
      From: 'Alice Meyer <alice@acme.example>',
      To: 'support+00012345.Zm9vYmFyYmF6cXV4@support.example.com',
      Subject: 'Automatic reply: [Case 00012345] Label printer offline',
      'Thread-Topic': '[Case 00012345] Label printer offline',
      'X-MS-Has-Attach': '',
      'X-Auto-Response-Suppress': 'All',
      'Auto-Submitted': 'auto-generated',
      'Content-Type': 'multipart/alternative; boundary="_000_OOF_"',
    };
    expect(classifyAutomated(headers, headers.From, 'alice@acme.example')).toEqual({
      reason: 'Auto-Submitted: auto-generated',
    });
  });
});
