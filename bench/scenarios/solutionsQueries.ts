/**
 * What the case form's Recommended solutions panel sends while someone types: the subject (and,
 * for the last three, the description after it, as the panel appends up to 500 characters of it),
 * with typos, error codes and identifiers, with or without an issue area chosen.
 */
const TYPED: readonly (readonly [string, string | null])[] = [
  ['saml assertion invalid', 'saml-sso'],
  ['mfa enrolment fails', null],
  ['pasword reset email not received', 'passwords'],
  ['certifcate rollover broke sso', null],
  ['E0000047 rate limit', 'api-tokens'],
  ['invalid_client when exchanging the code', null],
  ['scim provisoning groups not syncing', 'provisioning'],
  ['users locked out after password policy change', null],
  ['E0000004 authentication failed', null],
  ['oidc redirect uri mismatch', 'oidc-apps'],
  ['directory agent disconnected', null],
  ['api token expired', 'api-tokens'],
  ['push notification not recieved', null],
  ['admin role cannot manage users', 'admin-roles'],
  ['sign on policy not applied to group', null],
  ['event hook not delivering', 'hooks-workflows'],
  ['license limit reached', null],
  ['custom domain certificate expired', 'certificates'],
  ['invalid_grant refresh token', null],
  ['session timeout too short', 'sign-on-policies'],
  ['E0000119', null],
  ['how do I reset a users security key', 'mfa'],
  ['ldap import missing users', null],
  ['single logout not working', 'saml-sso'],
  [
    'SAML login fails for all users Since this morning every user who signs in to our Salesforce app sees ' +
      'an error page saying the SAML assertion is invalid. We rotated the signing certificate yesterday.',
    'saml-sso',
  ],
  [
    'Users keep getting MFA prompts After the last policy change our users are asked for a push ' +
      'notification every time they open the dashboard, even on managed devices in the office network.',
    null,
  ],
  [
    'Provisioning to Workday stopped New hires created in Workday since Monday are not imported and the ' +
      'import log shows E0000001 api validation failed for the department attribute.',
    'provisioning',
  ],
];

export interface SolutionsQuery {
  q: string;
  issueArea: string | null;
}

/**
 * The panel's requests as a user types each query (debounced, from 3 characters, trimmed, so the
 * last word is always a prefix): half of each word, then the whole word; in long texts only every
 * fourth word and the last.
 */
export function typedQueries(): SolutionsQuery[] {
  const out: SolutionsQuery[] = [];
  for (const [text, issueArea] of TYPED) {
    const words = text.split(' ');
    for (let i = 0; i < words.length; i++) {
      if (words.length > 8 && i % 4 !== 3 && i !== words.length - 1) continue;
      const before = words.slice(0, i).join(' ');
      const word = words[i]!;
      const half = word.slice(0, Math.max(2, Math.ceil(word.length / 2)));
      for (const typed of half === word ? [word] : [half, word]) {
        const q = `${before} ${typed}`.trim();
        // The panel asks only from 3 characters on.
        if (q.length >= 3) out.push({ q, issueArea });
      }
    }
  }
  return out;
}

/** Single terms for the bare baseline: common and rare words, codes and identifiers alike. */
export const BASELINE_TERMS: readonly string[] = [
  'saml',
  'assertion',
  'mfa',
  'password',
  'reset',
  'certificate',
  'rollover',
  'E0000047',
  'invalid_client',
  'scim',
  'provisioning',
  'token',
  'redirect',
  'directory',
  'agent',
  'push',
  'admin',
  'policy',
  'hook',
  'license',
  'domain',
  'session',
  'ldap',
  'logout',
  'groups',
  'users',
  'E0000119',
  'workday',
];
