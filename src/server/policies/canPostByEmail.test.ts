import { describe, expect, it } from 'vitest';
import type { Actor, CustomerActor } from './actor.ts';
import { canPostByEmail } from './cases.ts';

const ACCOUNT = 'acct-acme';
const ORG = 'org-acme';
const OTHER_ORG = 'org-acme-preview';

function customer(overrides: Partial<CustomerActor> = {}): CustomerActor {
  return {
    kind: 'customer',
    id: 'u-1',
    email: 'u1@acme.example',
    name: 'U1',
    active: true,
    accountId: ACCOUNT,
    orgs: [{ id: ORG, slug: 'acme', name: 'acme.example.com', role: 'admin' }],
    caseAdminGrant: true,
    escGrant: false,
    ...overrides,
  };
}

const facts = (overrides: { openerId?: string; teamUserIds?: string[]; accountId?: string } = {}) => ({
  accountId: overrides.accountId ?? ACCOUNT,
  openerId: overrides.openerId ?? 'someone-else',
  teamUserIds: overrides.teamUserIds ?? [],
  orgId: ORG,
});

const preview = [
  { id: OTHER_ORG, slug: 'acme-preview', name: 'acme-preview.example.com', role: 'admin' as const },
];

describe('canPostByEmail: who may add a comment by replying to case mail', () => {
  it.each<[string, Actor, ReturnType<typeof facts>, boolean]>([
    ['the opener with Case Admin', customer({ id: 'bob' }), facts({ openerId: 'bob' }), true],
    ['a team contact with Case Admin', customer({ id: 'x' }), facts({ teamUserIds: ['x'] }), true],
    ['an ESC of the account', customer({ escGrant: true }), facts(), true],
    [
      'a team contact without Case Admin who is an admin of the case org',
      customer({ id: 'carol', caseAdminGrant: false }),
      facts({ teamUserIds: ['carol'] }),
      true,
    ],
    [
      'a team contact without Case Admin who is no longer an admin of the case org',
      customer({ id: 'carol', caseAdminGrant: false, orgs: preview }),
      facts({ teamUserIds: ['carol'] }),
      false,
    ],
    [
      'a team contact with no admin role left at all',
      customer({ id: 'carol', orgs: [] }),
      facts({ teamUserIds: ['carol'] }),
      false,
    ],
    [
      'the opener who lost Case Admin (not on the team)',
      customer({ id: 'bob', caseAdminGrant: false }),
      facts({ openerId: 'bob' }),
      false,
    ],
    ['an admin of the account not on the case', customer(), facts(), false],
    [
      'a deactivated team contact',
      customer({ id: 'x', active: false }),
      facts({ teamUserIds: ['x'] }),
      false,
    ],
    [
      'a team contact of another account (stale row)',
      customer({ id: 'x', accountId: 'acct-globex' }),
      facts({ teamUserIds: ['x'] }),
      false,
    ],
    ['an ESC of another account', customer({ escGrant: true }), facts({ accountId: 'acct-globex' }), false],
    [
      'support staff (their replies by email are not added)',
      {
        kind: 'staff',
        id: 'sam',
        email: 'sam@support.example',
        name: 'Sam',
        active: true,
        role: 'engineer',
        queues: [],
      },
      facts({ teamUserIds: ['sam'] }),
      false,
    ],
  ])('%s: %s', (_label, actor, c, expected) => {
    expect(canPostByEmail(actor, c)).toBe(expected);
  });
});
