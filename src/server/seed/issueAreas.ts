/** The demo issue areas of an identity and single sign-on product: two levels, a routing queue each. */
export interface IssueAreaSeed {
  key: string;
  name: string;
  description: string;
  queue: string;
  common?: boolean;
  children?: IssueAreaSeed[];
}

export const DEMO_ISSUE_AREAS: IssueAreaSeed[] = [
  {
    key: 'sign-on',
    name: 'Sign-on and authentication',
    description: 'How users sign in: single sign-on, multi-factor authentication, policies and passwords.',
    queue: 'identity',
    children: [
      {
        key: 'saml-sso',
        name: 'SAML single sign-on',
        description:
          'SAML 2.0 apps: assertions, attributes, signing certificates, IdP- and SP-initiated flows.',
        queue: 'identity',
        common: true,
      },
      {
        key: 'oidc-apps',
        name: 'OpenID Connect and OAuth apps',
        description:
          'OIDC and OAuth 2.0 clients: redirect URIs, scopes, tokens, invalid_client and invalid_grant errors.',
        queue: 'identity',
        common: true,
      },
      {
        key: 'mfa',
        name: 'Multi-factor authentication',
        description:
          'Enrolling and resetting factors: push, TOTP, WebAuthn and security keys, SMS and voice.',
        queue: 'identity',
        common: true,
      },
      {
        key: 'sign-on-policies',
        name: 'Sign-on policies',
        description:
          'Global and app sign-on policies, network zones, session lifetime and re-authentication rules.',
        queue: 'identity',
        common: true,
      },
      {
        key: 'passwords',
        name: 'Passwords and account recovery',
        description: 'Password policies, self-service reset, locked-out users and recovery emails.',
        queue: 'identity',
      },
    ],
  },
  {
    key: 'lifecycle',
    name: 'User lifecycle',
    description: 'Getting users and groups in and out: provisioning, directories and group rules.',
    queue: 'lifecycle',
    children: [
      {
        key: 'provisioning',
        name: 'Provisioning (SCIM)',
        description:
          'Creating, updating and deactivating users in downstream apps over SCIM; import and push errors.',
        queue: 'lifecycle',
        common: true,
      },
      {
        key: 'directory-sync',
        name: 'Directory integrations',
        description: 'Active Directory and LDAP agents: imports, delegated authentication, agent health.',
        queue: 'lifecycle',
      },
      {
        key: 'groups',
        name: 'Groups and group rules',
        description: 'Group membership, group rules and group push.',
        queue: 'lifecycle',
      },
    ],
  },
  {
    key: 'platform',
    name: 'Platform and administration',
    description: 'APIs, admin roles, certificates, domains and automation.',
    queue: 'platform',
    children: [
      {
        key: 'api-tokens',
        name: 'API, tokens and rate limits',
        description: 'Management API calls, API tokens, OAuth service apps, rate limit errors (HTTP 429).',
        queue: 'platform',
        common: true,
      },
      {
        key: 'admin-roles',
        name: 'Admin console and admin roles',
        description: 'Admin console behaviour, custom admin roles, resource sets and permissions.',
        queue: 'platform',
      },
      {
        key: 'certificates',
        name: 'Certificates and custom domains',
        description: 'Custom URL domains, TLS certificates, signing key rollover.',
        queue: 'platform',
      },
      {
        key: 'hooks-workflows',
        name: 'Hooks and workflows',
        description: 'Inline and event hooks, workflow automation and their errors.',
        queue: 'platform',
      },
    ],
  },
  {
    key: 'account',
    name: 'Account and licensing',
    description: 'Your contract with us rather than the product.',
    queue: 'accounts',
    children: [
      {
        key: 'licensing',
        name: 'Billing and licensing',
        description: 'Licence counts, invoices, plan changes and renewals.',
        queue: 'accounts',
      },
      {
        key: 'other',
        name: 'Something else',
        description: 'Anything that fits no other area; support triages it.',
        queue: 'triage',
      },
    ],
  },
];
