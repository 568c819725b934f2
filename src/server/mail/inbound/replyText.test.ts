import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REPLY_MARKER as REPLY_ABOVE_MARKER } from '../templates/mailEvents.ts';
import { extractReply } from './replyText.ts';

const ADDRESS = 'support+00012345.Zm9vYmFyYmF6cXV4@support.example.com';

/** The notification as mail clients quote it under a reply. */
const QUOTED_NOTIFICATION = `> ${REPLY_ABOVE_MARKER}
>
> Hi Bob,
>
> Dana Support replied to case 00012345 "Label printer offline":
>
> Please restart the print controller and tell us whether the error is gone.
>
> View the case: https://support.example.com/cases/00012345
>`;

describe('extractReply on text parts', () => {
  it('cuts a Gmail reply at its attribution, also when Gmail wrapped it over two lines', () => {
    const text = `Thanks, the restart fixed it. You can close the case.

Bob

On Mon, Nov 3, 2025 at 2:02 PM Casebook Support <
${ADDRESS}> wrote:

${QUOTED_NOTIFICATION}
`;
    expect(extractReply({ text })).toBe('Thanks, the restart fixed it. You can close the case.\n\nBob');
  });

  it('cuts an Apple Mail (iOS) reply whose attribution is quoted, and drops "Sent from my iPhone"', () => {
    const text = `Yes, that worked. Thank you!

Sent from my iPhone

> On 3 Nov 2025, at 14:02, Casebook Support <${ADDRESS}> wrote:
>
${QUOTED_NOTIFICATION}
`;
    expect(extractReply({ text })).toBe('Yes, that worked. Thank you!');
  });

  it('cuts an Outlook reply at "-----Original Message-----" and keeps an undelimited sign-off', () => {
    const text = [
      'Hi,',
      '',
      'the error is back since this morning, see the attached log.',
      '',
      'Kind regards',
      'Alice Meyer',
      'ACME GmbH | +49 30 1234567',
      '',
      '-----Original Message-----',
      `From: Casebook Support <${ADDRESS}>`,
      'Sent: Monday, November 3, 2025 2:02 PM',
      'To: Alice Meyer <alice@acme.example>',
      'Subject: [Case 00012345] Label printer offline',
      '',
      REPLY_ABOVE_MARKER,
      '',
      'Hi Alice,',
    ].join('\r\n');
    expect(extractReply({ text })).toBe(
      'Hi,\n\nthe error is back since this morning, see the attached log.\n\nKind regards\nAlice Meyer\nACME GmbH | +49 30 1234567',
    );
  });

  it('cuts at the underscore separator and the From/Sent/To/Subject block of newer Outlook', () => {
    const text = `Ok, I will try tonight.

Get Outlook for Android<https://aka.ms/AAb9ysg>
________________________________
From: Casebook Support <${ADDRESS}>
Sent: Monday, November 3, 2025 14:02
To: Alice Meyer <alice@acme.example>
Subject: [Case 00012345] Label printer offline

${REPLY_ABOVE_MARKER}
`;
    expect(extractReply({ text })).toBe('Ok, I will try tonight.');
  });

  it('cuts at a header block without a separator line (German Outlook)', () => {
    const text = `Hallo,

danke, das hat geholfen.

Mit freundlichen Grüßen
Alice

Von: Casebook Support <${ADDRESS}>
Gesendet: Montag, 3. November 2025 14:02
An: Alice Meyer <alice@acme.example>
Betreff: [Case 00012345] Drucker offline

${REPLY_ABOVE_MARKER}
`;
    expect(extractReply({ text })).toBe(
      'Hallo,\n\ndanke, das hat geholfen.\n\nMit freundlichen Grüßen\nAlice',
    );
  });

  it.each([
    ['German Gmail', `Am Mo., 3. Nov. 2025 um 14:02 Uhr schrieb Casebook Support <\n${ADDRESS}>:`],
    ['German Apple Mail', `Am 03.11.2025 um 14:02 schrieb Casebook Support <${ADDRESS}>:`],
    ['French Gmail', `Le lun. 3 nov. 2025 à 14:02, Casebook Support <${ADDRESS}> a écrit :`],
    ['Spanish Gmail', `El lun, 3 nov 2025 a las 14:02, Casebook Support (<${ADDRESS}>) escribió:`],
    ['Dutch Gmail', `Op ma 3 nov 2025 om 14:02 schreef Casebook Support <${ADDRESS}>:`],
    [
      'Dutch Apple Mail',
      `Op 3 nov. 2025, om 14:02 heeft Casebook Support <${ADDRESS}> het volgende geschreven:`,
    ],
    ['Italian Gmail', `Il giorno lun 3 nov 2025 alle ore 14:02 Casebook Support <${ADDRESS}> ha scritto:`],
    ['Thunderbird', 'On 03/11/2025 14:02, Casebook Support wrote:'],
    ['Outlook for Mac', `On 11/3/25, 2:02 PM, "Casebook Support" <${ADDRESS}> wrote:`],
    [
      'a three-line wrap',
      `On Mon, Nov 3, 2025 at 2:02 PM Casebook Support Team of\nExample Corporation <\n${ADDRESS}> wrote:`,
    ],
  ])('cuts at the attribution of %s', (_client, attribution) => {
    const text = `Das Problem ist gelöst.\nMerci.\n\n${attribution}\n\n${QUOTED_NOTIFICATION}\n`;
    expect(extractReply({ text })).toBe('Das Problem ist gelöst.\nMerci.');
    // Also when the quote under it carries neither our marker nor ">" (the cut rests on the attribution alone).
    const unprefixed = `Das Problem ist gelöst.\n\n${attribution}\n\nHi Bob,\nplease restart the controller.\n`;
    expect(extractReply({ text: unprefixed })).toBe('Das Problem ist gelöst.');
  });

  it('drops the attribution line of a language it does not know when the quote below is cut at our marker', () => {
    const text = `Dziękuję, działa.

W dniu 3.11.2025 o 14:02, Casebook Support <${ADDRESS}> napisał:
${QUOTED_NOTIFICATION}`;
    expect(extractReply({ text })).toBe('Dziękuję, działa.');
  });

  it('cuts at our marker when nothing else marks the quote', () => {
    const text = `The restart helped.\n\n${REPLY_ABOVE_MARKER}\n\nHi Bob,\nplease restart the controller.`;
    expect(extractReply({ text })).toBe('The restart helped.');
  });

  it('drops a signature after "-- " and after "--" whose space a client trimmed', () => {
    const withSpace = `Here is the log you asked for.\n\nCarol\n-- \nCarol Nguyen\nIT, Beta Ltd\n+44 20 7946 0000\n\nOn 03/11/2025 14:02, Casebook Support wrote:\n${QUOTED_NOTIFICATION}`;
    expect(extractReply({ text: withSpace })).toBe('Here is the log you asked for.\n\nCarol');
    const trimmed = 'Here is the log.\n--\nCarol Nguyen | Beta Ltd';
    expect(extractReply({ text: trimmed })).toBe('Here is the log.');
  });

  it.each([
    'Sent from my iPhone',
    'Sent from my Samsung Galaxy smartphone.',
    'Sent from Mail for Windows',
    'Sent from Outlook',
    'Get Outlook for iOS',
    'Get Outlook for Android<https://aka.ms/ghei36>',
    'Von meinem iPhone gesendet',
    'Envoyé de mon iPhone',
    'Enviado desde mi iPhone',
    'Verzonden vanaf mijn iPhone',
  ])('drops the mobile signature "%s"', (signature) => {
    expect(extractReply({ text: `On my way to the site now.\n\n${signature}\n` })).toBe(
      'On my way to the site now.',
    );
  });

  it('keeps a sentence that merely starts like a mobile signature', () => {
    const text = 'Sent from my iPhone: the app crashes when I open case 00012345.';
    expect(extractReply({ text })).toBe(text);
  });

  it('drops trailing quoted lines but keeps an inline answer between quotes', () => {
    const inline = `> Which firmware version is installed?\n4.2.1\n\n> Does the error show on the display?\nYes, E-42.\n\n> Thanks,\n> Dana`;
    expect(extractReply({ text: inline })).toBe(
      '> Which firmware version is installed?\n4.2.1\n\n> Does the error show on the display?\nYes, E-42.',
    );
  });

  it('finds a bottom-posted answer under the quoted notification', () => {
    const text = `On Mon, Nov 3, 2025 at 2:02 PM Casebook Support <${ADDRESS}> wrote:\n${QUOTED_NOTIFICATION}\n\nYes, the restart helped.\n\nBob`;
    expect(extractReply({ text })).toBe('Yes, the restart helped.\n\nBob');
  });

  it('does not take prose for an attribution', () => {
    const text = 'Still broken.\nOn Monday the technician wrote:\n\nthe unit is fine.\n\nBut it still fails.';
    expect(extractReply({ text })).toBe(text);
  });

  it('returns the whole message trimmed when stripping would leave nothing', () => {
    expect(extractReply({ text: '\n> Only a quote, nothing new.\n> Really.\n' })).toBe(
      '> Only a quote, nothing new.\n> Really.',
    );
    expect(extractReply({ text: '-- \nBob Smith\n' })).toBe('--\nBob Smith');
    expect(extractReply({ text: `${REPLY_ABOVE_MARKER}\nHi Bob` })).toBe(`${REPLY_ABOVE_MARKER}\nHi Bob`);
  });

  it('trims, removes trailing spaces and collapses runs of blank lines', () => {
    expect(extractReply({ text: '\n\n  First line.  \r\n\r\n\r\n\r\n\r\nSecond line.\t\n\n' })).toBe(
      'First line.\n\nSecond line.',
    );
  });

  it('answers an empty string for a mail without a body', () => {
    expect(extractReply({})).toBe('');
    expect(extractReply({ text: ' \n ', html: false })).toBe('');
  });
});

describe('extractReply on HTML-only mail', () => {
  it('prefers the text part when there is one', () => {
    expect(extractReply({ text: 'From the text part.', html: '<p>From the HTML part.</p>' })).toBe(
      'From the text part.',
    );
  });

  it('uses the HTML when the text part is blank', () => {
    expect(extractReply({ text: '\n', html: '<p>From the HTML part.</p>' })).toBe('From the HTML part.');
  });

  it('drops the gmail_quote container of a Gmail reply', () => {
    const html = `<div dir="ltr">Thanks, the restart fixed it.&nbsp;You can close the case.<div><br></div><div>Bob</div></div><br><div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">On Mon, Nov 3, 2025 at 2:02 PM Casebook Support &lt;<a href="mailto:${ADDRESS}">${ADDRESS}</a>&gt; wrote:<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex"><div><div>${REPLY_ABOVE_MARKER}</div><div>Hi Bob,</div><blockquote><div>older</div></blockquote><div>please restart the controller.</div></div></blockquote></div>`;
    expect(extractReply({ html })).toBe('Thanks, the restart fixed it. You can close the case.\n\nBob');
  });

  it('drops the Gmail signature container', () => {
    const html = `<div dir="ltr"><div>Attached the photo.</div><br clear="all"><div><br></div><span class="gmail_signature_prefix">-- </span><br><div dir="ltr" class="gmail_signature" data-smartmail="gmail_signature"><div dir="ltr">Bob Smith<div>Facilities, Acme</div></div></div></div>`;
    expect(extractReply({ html })).toBe('Attached the photo.');
  });

  it('drops the blockquote of an Apple Mail reply', () => {
    const html = `<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head><body dir="auto">Yes, that worked. Thank you!<br><br><div dir="ltr">Sent from my iPhone</div><div dir="ltr"><br><blockquote type="cite">On 3 Nov 2025, at 14:02, Casebook Support &lt;${ADDRESS}&gt; wrote:<br><br></blockquote></div><blockquote type="cite"><div dir="ltr">${REPLY_ABOVE_MARKER}<br>Hi Bob</div></blockquote></body></html>`;
    expect(extractReply({ html })).toBe('Yes, that worked. Thank you!');
  });

  it('reads Outlook desktop HTML line by line and cuts at its header block', () => {
    const html = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><!--[if gte mso 9]><xml><o:shapedefaults v:ext="edit" spidmax="1026" /></xml><![endif]--><style><!--
p.MsoNormal, li.MsoNormal {margin:0cm; font-size:11.0pt;}
--></style></head><body lang="EN-US" link="#0563C1"><div class="WordSection1"><p class="MsoNormal">Hello,<o:p></o:p></p><p class="MsoNormal"><o:p>&nbsp;</o:p></p><p class="MsoNormal">I followed the steps:<o:p></o:p></p><ol style="margin-top:0cm" start="1" type="1"><li class="MsoListParagraph">Open &lt;Settings&gt;</li><li class="MsoListParagraph">Click &quot;Save&quot; &amp; wait</li></ol><p class="MsoNormal">It still says &#8220;offline&#8221;.<o:p></o:p></p><p class="MsoNormal"><o:p>&nbsp;</o:p></p><p class="MsoNormal">Regards,<o:p></o:p></p><p class="MsoNormal">Alice<o:p></o:p></p><p class="MsoNormal"><o:p>&nbsp;</o:p></p><div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm"><p class="MsoNormal"><b>From:</b> Casebook Support &lt;${ADDRESS}&gt; <br><b>Sent:</b> Monday, November 3, 2025 2:02 PM<br><b>To:</b> Alice Meyer &lt;alice@acme.example&gt;<br><b>Subject:</b> [Case 00012345] Label printer offline<o:p></o:p></p></div><p class="MsoNormal">${REPLY_ABOVE_MARKER}</p><p class="MsoNormal">Hi Alice,</p></div></body></html>`;
    expect(extractReply({ html })).toBe(
      'Hello,\n\nI followed the steps:\n\n1. Open <Settings>\n2. Click "Save" & wait\n\nIt still says “offline”.\n\nRegards,\nAlice',
    );
  });

  it('drops everything from divRplyFwdMsg on in Outlook on the web', () => {
    const html = `<html><body><div style="font-family: Aptos, sans-serif; font-size: 12pt;">The new firmware is installed, all good.</div><div style="font-family: Aptos, sans-serif;"><br></div><div>Thanks!</div><div id="appendonsend"></div><hr style="display:inline-block;width:98%" tabindex="-1"><div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt" color="#000000"><b>From:</b> Casebook Support &lt;${ADDRESS}&gt;<br><b>Sent:</b> Monday, November 3, 2025 14:02<br><b>To:</b> Alice Meyer<br><b>Subject:</b> [Case 00012345] Label printer offline</font><div>&nbsp;</div></div><div><p>${REPLY_ABOVE_MARKER}</p><p>Hi Alice</p></div></body></html>`;
    expect(extractReply({ html })).toBe('The new firmware is installed, all good.\n\nThanks!');
  });

  it('drops the moz-cite-prefix and signature of a Thunderbird reply', () => {
    const html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"></head><body><p>Here is the log you asked for.</p><p>Carol<br></p><div class="moz-signature">-- <br>Carol Nguyen<br>IT, Beta Ltd</div><div class="moz-cite-prefix">On 03/11/2025 14:02, Casebook Support wrote:<br></div><blockquote type="cite" cite="mid:case-00012345-3@support.example.com"><pre class="moz-quote-pre" wrap="">${REPLY_ABOVE_MARKER}</pre></blockquote></body></html>`;
    expect(extractReply({ html })).toBe('Here is the log you asked for.\n\nCarol');
  });

  it('converts the whole HTML when dropping quotes leaves nothing (an unclosed blockquote)', () => {
    const html = '<blockquote><p>Everything I wrote went into a blockquote.</p><p>Still mine.';
    expect(extractReply({ html })).toBe('Everything I wrote went into a blockquote.\n\nStill mine.');
  });
});

describe('extractReply properties', () => {
  const fragments = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.constantFrom(
      '',
      ' ',
      '> quoted line',
      '>',
      '-- ',
      '--',
      'Sent from my iPhone',
      'Get Outlook for iOS',
      REPLY_ABOVE_MARKER,
      `> ${REPLY_ABOVE_MARKER}`,
      `On Mon, Nov 3, 2025 at 2:02 PM Support <${ADDRESS}> wrote:`,
      'On Mon, Nov 3, 2025 at 2:02 PM Support <',
      `${ADDRESS}> wrote:`,
      'Am 03.11.2025 um 14:02 schrieb Support <s@x.example>:',
      '-----Original Message-----',
      '________________________________',
      'From: Support <s@x.example>',
      'Sent: Monday, November 3, 2025 2:02 PM',
      'Subject: [Case 00012345] Printer',
      'W dniu 3.11.2025 o 14:02 Support <s@x.example> napisał:',
      'Thanks, that fixed it.',
      '   indented text   ',
    ),
  );
  const texts = fc
    .tuple(fc.array(fragments, { maxLength: 25 }), fc.constantFrom('\n', '\r\n'))
    .map(([lines, newline]) => lines.join(newline));

  it('never answers empty for a non-blank text, and only with lines of the input', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const reply = extractReply({ text });
        if (text.trim() === '') {
          expect(reply).toBe('');
          return;
        }
        expect(reply).not.toBe('');
        for (const line of reply.split('\n')) expect(text).toContain(line);
      }),
      { numRuns: 2000 },
    );
  });

  it('never answers empty for HTML with visible text, and never throws on any string', () => {
    const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const visible = fc
      .string({ minLength: 1, maxLength: 30 })
      .filter((s) => /\S/.test(s.replace(/\s/g, ' ')));
    const wrappers = fc.constantFrom(
      (s: string) => `<div>${s}</div>`,
      (s: string) => `<blockquote>${s}</blockquote>`,
      (s: string) => `<div class="gmail_quote">${s}`,
      (s: string) => `<p class=MsoNormal>${s}<o:p></o:p></p>`,
      (s: string) => `<div id="divRplyFwdMsg"></div>${s}`,
      (s: string) => `<ul><li>${s}</li></ul>`,
    );
    fc.assert(
      fc.property(visible, wrappers, (s, wrap) => {
        expect(extractReply({ html: wrap(escapeHtml(s)) })).not.toBe('');
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (html) => {
        expect(typeof extractReply({ html })).toBe('string');
      }),
      { numRuns: 1000 },
    );
  });
});
