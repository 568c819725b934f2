import type { Context } from '../context.ts';
import { insertKbEntry, type KbEntryInput } from '../kb/kbStore.ts';
import { knowledgeBaseWritten } from '../kb/kbVersion.ts';

type Fixture = Omit<KbEntryInput, 'url' | 'status'> & { status?: KbEntryInput['status'] };

/** A small knowledge base for search tests, independent of the demo corpus. */
export const KB_FIXTURES: Fixture[] = [
  {
    slug: 'reset-forgotten-password',
    kind: 'kb_article',
    title: 'Reset a forgotten password',
    body: 'Users who forgot their password can start a self-service reset from the sign-in page.',
    issueAreas: ['passwords'],
    tags: ['self-service'],
  },
  {
    slug: 'account-recovery-options',
    kind: 'product_doc',
    title: 'Account recovery options',
    body: 'Recovery by email or SMS. An admin can also trigger a password reset for a locked user, or unlock the account.',
    issueAreas: ['passwords'],
    tags: ['recovery'],
  },
  {
    slug: 'saml-assertion-invalid-audience',
    kind: 'kb_article',
    title: 'SAML assertion invalid: audience mismatch',
    body: 'The service provider rejects the assertion when the audience URI differs from its entity ID.',
    issueAreas: ['saml-sso'],
    tags: ['saml'],
  },
  {
    slug: 'saml-assertion-signing',
    kind: 'product_doc',
    title: 'Signing SAML assertions',
    body: 'Assertions are signed with the app signing key; the service provider verifies the signature.',
    issueAreas: ['certificates'],
    tags: ['saml', 'signature'],
  },
  {
    slug: 'signing-certificate-rollover',
    kind: 'kb_article',
    title: 'Rolling over a signing certificate',
    body: 'Upload the new certificate to the service provider before you activate it.',
    issueAreas: ['certificates'],
    tags: ['x509'],
  },
  {
    slug: 'authentication-failed-e0000004',
    kind: 'kb_article',
    title: 'Sign-in fails with E0000004',
    body: 'The System Log shows E0000004 Authentication failed when the credentials are wrong.',
    issueAreas: ['sign-in'],
    tags: ['E0000004', 'error-code'],
  },
  {
    slug: 'oidc-client-errors',
    kind: 'community_question',
    title: 'Token endpoint answers 401',
    body: 'The token endpoint returns `invalid_client` when the client secret is wrong or expired.',
    issueAreas: ['oidc'],
    tags: ['oauth'],
  },
  {
    slug: 'rate-limit-reference',
    kind: 'product_doc',
    title: 'Rate limit reference',
    body: 'Rate limit buckets for the management API.',
    issueAreas: ['api'],
    tags: [],
  },
  {
    slug: 'rate-limit-guide',
    kind: 'product_doc',
    title: 'Rate limit guide',
    body: 'Rate limit buckets for the sign-in pages.',
    issueAreas: ['saml-sso'],
    tags: [],
  },
  {
    slug: 'html-in-body',
    kind: 'kb_article',
    title: 'Escaping markup in app names',
    body: 'An app named <b>Wiki</b> & "Docs" shows its widgetcolour unescaped <script>alert(1)</script> in old browsers.',
    issueAreas: [],
    tags: [],
  },
  {
    slug: 'draft-quantum-widget',
    kind: 'kb_article',
    title: 'Quantum widget troubleshooting',
    body: 'A draft about the quantumwidget connector.',
    issueAreas: [],
    tags: [],
    status: 'draft',
  },
];

/** Replaces the knowledge base (the demo corpus included) with the fixtures; returns ids by slug. */
export async function loadKbFixtures(ctx: Context): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  await ctx.database.transaction(async (trx) => {
    await trx.deleteFrom('kb_entries').execute();
    await trx.deleteFrom('kb_terms').execute();
    for (const f of KB_FIXTURES) {
      const row = await insertKbEntry(
        trx,
        { ...f, url: `https://help.example/kb/${f.slug}`, status: f.status ?? 'published' },
        ctx.now().toISOString(),
      );
      ids[f.slug] = row.id;
    }
  });
  knowledgeBaseWritten();
  return ids;
}
