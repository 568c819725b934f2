import { describe, expect, it } from 'vitest';
import { plainSnippet } from './plainSnippet.ts';

describe('plainSnippet', () => {
  it('drops bold markers, backticks and heading hashes, keeping the marks', () => {
    expect(
      plainSnippet(
        '## Symptoms Users who start a <mark>password</mark> **<mark>reset</mark>** see `E0000068`',
      ),
    ).toBe('Symptoms Users who start a <mark>password</mark> <mark>reset</mark> see E0000068');
    expect(plainSnippet('…the answer? ## Accepted answer **Limit**…')).toBe(
      '…the answer? Accepted answer Limit…',
    );
  });

  it('turns table rows into cells separated by dots', () => {
    expect(plainSnippet('…| | Help Desk Administrator | <mark>Reset</mark> passwords |')).toBe(
      '…Help Desk Administrator · <mark>Reset</mark> passwords',
    );
    expect(plainSnippet('| Role | Can |\n|---|---|\n| Read-only | View')).toBe(
      'Role · Can · Read-only · View',
    );
  });

  it('drops list dashes after a sentence but keeps hyphens in words and ranges', () => {
    expect(plainSnippet('reset links. - **Provider**: Identity Cloud')).toBe(
      'reset links. Provider: Identity Cloud',
    );
    expect(plainSnippet('minimum length (8 - 30), sign-in &amp; auto-unlock')).toBe(
      'minimum length (8 - 30), sign-in &amp; auto-unlock',
    );
  });
});
