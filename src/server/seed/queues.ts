import type { Executor } from '../db/database.ts';
import { newId } from '../db/ids.ts';

/**
 * The routing queues the demo issue areas name (issue 6), and `triage` for unrouted cases. Seeded with
 * the issue areas, so a fresh installation (`create-admin`) routes cases from the start.
 */
export const DEMO_QUEUES = [
  {
    key: 'identity',
    name: 'Identity & sign-on',
    description: 'SAML and OIDC apps, multifactor authentication, sign-on policies and passwords.',
    triage: false,
  },
  {
    key: 'lifecycle',
    name: 'Lifecycle & directories',
    description: 'Provisioning (SCIM), directory integrations (AD, LDAP, HR sources) and groups.',
    triage: false,
  },
  {
    key: 'platform',
    name: 'Platform & API',
    description: 'API tokens and rate limits, admin roles, certificates, hooks and workflows.',
    triage: false,
  },
  {
    key: 'accounts',
    name: 'Accounts & licensing',
    description: 'Licences, billing questions and account administration.',
    triage: false,
  },
  {
    key: 'triage',
    name: 'Triage',
    description: 'Cases no other queue takes: read, then move each to the queue that should work it.',
    triage: true,
  },
] as const;

/** Queue memberships of the demo staff: sam works identity, lifecycle and triage; managers see every queue. */
export const DEMO_MEMBERSHIPS: Record<string, readonly string[]> = {
  'sam@support.example': ['identity', 'lifecycle', 'triage'],
};

/** Canned responses offered in the workspace (null queue: every queue). */
export const DEMO_CANNED_RESPONSES: { title: string; queue: string | null; body: string }[] = [
  {
    title: 'Acknowledge and investigating',
    queue: null,
    body: 'Thanks for the detailed report. I have reproduced the setup on our side and am investigating now; I will update this case within the next few hours, or sooner if I find the cause.',
  },
  {
    title: 'Ask for the System Log export',
    queue: null,
    body: 'Could you export the System Log events around the failure (Reports → System Log, filter on the affected user, last 24 hours) and attach the CSV to this case? That shows us the exact policy and error behind it.',
  },
  {
    title: 'Ask for a HAR file',
    queue: 'identity',
    body: 'To see what the browser sends during sign-in, please record a HAR file while reproducing the problem (Developer tools → Network → "Preserve log", reproduce, then "Save all as HAR") and attach it here. Remove any passwords from it first.',
  },
  {
    title: 'SAML certificate rollover steps',
    queue: 'identity',
    body: "After a signing certificate rollover the service provider must trust the new certificate: download it from the app's Sign On tab (SAML Signing Certificates → Actions → Download), upload it in the service provider's single sign-on settings, then test with one user before switching everyone.",
  },
  {
    title: 'Provisioning: check the assignment source',
    queue: 'lifecycle',
    body: "A user is deprovisioned when no assignment to the app is left. Please check under the app's Assignments tab whether the user is still assigned through another group or directly, and tell us which group removal triggered the deactivation.",
  },
  {
    title: 'Directory agent health check',
    queue: 'lifecycle',
    body: 'Please restart the agent service, confirm the host can reach our service over HTTPS (port 443), and attach the agent log from the logs folder of its installation directory. If the agent runs an old version, upgrading it usually fixes the import.',
  },
  {
    title: 'Rate limits explained',
    queue: 'platform',
    body: 'Rate limits are counted per org and per endpoint family. Every API answer carries X-Rate-Limit-Limit, X-Rate-Limit-Remaining and X-Rate-Limit-Reset headers; pace your job on Remaining and back off until Reset when it reaches zero.',
  },
  {
    title: 'Solved — reopen within 14 days',
    queue: null,
    body: 'I am marking this case as solved. If the problem comes back, reply to this case within 14 days and it reopens automatically; after that, please open a new case and mention this case number.',
  },
];

/** Inserts the queues (existing keys are left as they are). */
export async function seedQueues(db: Executor, now: string): Promise<void> {
  for (const q of DEMO_QUEUES) {
    await db
      .insertInto('queues')
      .values({
        key: q.key,
        name: q.name,
        description: q.description,
        triage: q.triage ? 1 : 0,
        rr_last_user_id: null,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  }
}

/** The demo's queue memberships and canned responses; `userIds` maps demo emails to user ids. */
export async function seedQueueMembersAndCannedResponses(
  db: Executor,
  userIds: Record<string, string>,
  now: string,
): Promise<void> {
  for (const [email, queues] of Object.entries(DEMO_MEMBERSHIPS)) {
    const userId = userIds[email];
    if (!userId) continue;
    for (const queueKey of queues) {
      await db
        .insertInto('queue_members')
        .values({ queue_key: queueKey, user_id: userId, added_at: now })
        .onConflict((oc) => oc.columns(['queue_key', 'user_id']).doNothing())
        .execute();
    }
  }
  const author = userIds['mia@support.example'] ?? null;
  for (const c of DEMO_CANNED_RESPONSES) {
    await db
      .insertInto('canned_responses')
      .values({
        id: newId(),
        title: c.title,
        body: c.body,
        queue_key: c.queue,
        created_by: author,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
}
