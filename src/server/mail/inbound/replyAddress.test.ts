import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  caseNumberFromSubject,
  formatReplyAddress,
  newReplyToken,
  parseReplyAddress,
  sameToken,
} from './replyAddress.ts';

const DOMAIN = 'support.example.com';
const TOKEN = 'Zm9vYmFy-YmF6_cXV4';

describe('formatReplyAddress', () => {
  it('writes support+<8-digit number>.<token>@<domain>', () => {
    expect(formatReplyAddress('00012345', TOKEN, DOMAIN)).toBe(`support+00012345.${TOKEN}@${DOMAIN}`);
    expect(formatReplyAddress(12345, 'a1b2c3d4e5f6', DOMAIN)).toBe(`support+00012345.a1b2c3d4e5f6@${DOMAIN}`);
  });

  it('refuses what it could not parse back', () => {
    expect(() => formatReplyAddress('12345', TOKEN, DOMAIN)).toThrow(RangeError);
    expect(() => formatReplyAddress(0, TOKEN, DOMAIN)).toThrow(RangeError);
    expect(() => formatReplyAddress('00012345', 'abc/def+ghi=', DOMAIN)).toThrow(RangeError);
    expect(() => formatReplyAddress('00012345', 'short', DOMAIN)).toThrow(RangeError);
  });
});

describe('parseReplyAddress', () => {
  it('reads the number and the token', () => {
    expect(parseReplyAddress(`support+00012345.${TOKEN}@${DOMAIN}`, DOMAIN)).toEqual({
      number: '00012345',
      token: TOKEN,
    });
  });

  it('compares the domain and "support+" without case but keeps the token exactly', () => {
    expect(parseReplyAddress(`SUPPORT+00012345.${TOKEN}@Support.Example.COM`, DOMAIN)).toEqual({
      number: '00012345',
      token: TOKEN,
    });
    expect(parseReplyAddress(`support+00012345.${TOKEN}@${DOMAIN}`, 'SUPPORT.example.com')?.token).toBe(
      TOKEN,
    );
  });

  it('accepts angle brackets and surrounding space', () => {
    expect(parseReplyAddress(` <support+00012345.${TOKEN}@${DOMAIN}> `, DOMAIN)?.number).toBe('00012345');
  });

  it.each([
    ['another domain', `support+00012345.${TOKEN}@example.com`],
    ['a look-alike domain', `support+00012345.${TOKEN}@${DOMAIN}.evil.example`],
    ['a subdomain', `support+00012345.${TOKEN}@mail.${DOMAIN}`],
    ['another mailbox', `sales+00012345.${TOKEN}@${DOMAIN}`],
    ['a prefixed mailbox', `xsupport+00012345.${TOKEN}@${DOMAIN}`],
    ['the bare mailbox', `support@${DOMAIN}`],
    ['no token', `support+00012345@${DOMAIN}`],
    ['an empty token', `support+00012345.@${DOMAIN}`],
    ['a 7-digit number', `support+0012345.${TOKEN}@${DOMAIN}`],
    ['a 9-digit number', `support+000012345.${TOKEN}@${DOMAIN}`],
    ['a token with base64 padding', `support+00012345.Zm9vYmFy=@${DOMAIN}`],
    ['a token with "/"', `support+00012345.Zm9v/YmFy@${DOMAIN}`],
    ['a token with a dot', `support+00012345.Zm9vYmFy.x@${DOMAIN}`],
    ['a token with a quote', `support+00012345.Zm9vYmFy'--@${DOMAIN}`],
    ['a too short token', `support+00012345.abc@${DOMAIN}`],
    ['a too long token', `support+00012345.${'a'.repeat(65)}@${DOMAIN}`],
    ['two plus signs', `support+x+00012345.${TOKEN}@${DOMAIN}`],
    ['no domain', `support+00012345.${TOKEN}`],
  ])('rejects %s', (_label, address) => {
    expect(parseReplyAddress(address, DOMAIN)).toBeNull();
  });

  it('parses back every address it formats', () => {
    const tokens = fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999_999 }), tokens, (n, token) => {
        const parsed = parseReplyAddress(formatReplyAddress(n, token, DOMAIN), DOMAIN);
        expect(parsed).toEqual({ number: String(n).padStart(8, '0'), token });
      }),
    );
  });
});

describe('caseNumberFromSubject', () => {
  it.each([
    ['Re: [Case 00012345] Label printer offline', '00012345'],
    ['AW: RE: [case 00012345] Drucker offline', '00012345'],
    ['[ Case #00012345 ] spacing', '00012345'],
    ['Question about Case #00012345', '00012345'],
    ['question about case 00012345, again', '00012345'],
    ['Case: 00012345 follow-up', '00012345'],
    ['Case no. 00012345', '00012345'],
    ['See CASE00012345', '00012345'],
    ['case 00099999 is related to [Case 00012345]', '00012345'],
  ])('reads %s', (subject, number) => {
    expect(caseNumberFromSubject(subject)).toBe(number);
  });

  it.each([
    'Invoice 20251103 for order 00012345',
    'Showcase 00012345',
    'Suitcase #00012345 lost',
    'Case 000123456 has nine digits',
    'Case 1234567 has seven',
    'Case about 00012345',
    '',
  ])('finds no case number in "%s"', (subject) => {
    expect(caseNumberFromSubject(subject)).toBeNull();
  });
});

describe('reply tokens', () => {
  it('makes 16 URL-safe characters, different every time, that a reply address can carry', () => {
    const tokens = new Set(Array.from({ length: 1000 }, newReplyToken));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{16}$/);
      expect(parseReplyAddress(formatReplyAddress(1, token, DOMAIN), DOMAIN)?.token).toBe(token);
    }
  });

  it('compares tokens exactly', () => {
    expect(sameToken(TOKEN, TOKEN)).toBe(true);
    expect(sameToken(TOKEN.toLowerCase(), TOKEN)).toBe(false);
    expect(sameToken(TOKEN.slice(0, -1), TOKEN)).toBe(false);
    expect(sameToken(`${TOKEN}x`, TOKEN)).toBe(false);
    expect(sameToken('', '')).toBe(false);
    expect(sameToken('anything', '')).toBe(false);
  });
});
