import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import type { Actor } from '../policies/actor.ts';
import { accountPermissions } from '../queries/accountPermissions.ts';
import { makeAccount, makeAdmin, makeOrg } from '../testing/builders.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { createHarness, type Harness } from '../testing/harness.ts';
import { assignEsc } from './assignEsc.ts';
import { grantCaseAdmin } from './grantCaseAdmin.ts';
import { removeEsc } from './removeEsc.ts';
import { revokeCaseAdmin } from './revokeCaseAdmin.ts';

/** The refusal a command throws, as {status, code, message}; fails the test when it does not throw. */
async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (error) {
    if (error instanceof AppError) return { status: error.status, code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected the command to be refused');
}

describeEachDatabase('account permission commands', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(() => h.close());

  const userRow = (id: string) =>
    h.ctx.database.db
      .selectFrom('users')
      .select(['case_admin', 'esc', 'active'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const auditOf = (targetId: string) =>
    h.ctx.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('target_user_id', '=', targetId)
      .orderBy('id')
      .execute();
  /** Every permission-relevant column of every user, and the audit log size: what a refusal must not change. */
  const snapshot = async () => ({
    users: await h.ctx.database.db
      .selectFrom('users')
      .select(['id', 'case_admin', 'esc', 'active', 'updated_at'])
      .orderBy('id')
      .execute(),
    audit: await h.ctx.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  });

  describe('Case Admin', () => {
    it('a super admin grants Case Admin once; granting again changes nothing and logs nothing', async () => {
      const alice = await h.actor('alice@acme.example');
      const carol = await h.actor('carol@acme.example');
      expect(await userRow(carol.id)).toMatchObject({ case_admin: 0 });

      h.clock.set('2026-11-03T10:00:00.000Z');
      expect(await grantCaseAdmin(h.ctx, alice, carol.id)).toEqual({ changed: true });
      expect(await userRow(carol.id)).toMatchObject({ case_admin: 1 });
      const rows = await auditOf(carol.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        actor_id: alice.id,
        account_id: alice.kind === 'customer' ? alice.accountId : '',
        action: 'case_admin_granted',
        target_user_id: carol.id,
        created_at: '2026-11-03T10:00:00.000Z',
      });
      expect(JSON.parse(rows[0]?.detail ?? '')).toEqual({ from: false, to: true });

      expect(await grantCaseAdmin(h.ctx, alice, carol.id)).toEqual({ changed: false });
      expect(await auditOf(carol.id)).toHaveLength(1);

      // and back, so the other tests see the demo state
      h.clock.advance(1000);
      expect(await revokeCaseAdmin(h.ctx, alice, carol.id)).toEqual({ changed: true });
      const after = await auditOf(carol.id);
      expect(after.map((r) => r.action)).toEqual(['case_admin_granted', 'case_admin_revoked']);
      expect(JSON.parse(after[1]?.detail ?? '')).toEqual({ from: true, to: false });
      expect(await userRow(carol.id)).toMatchObject({ case_admin: 0 });
    });

    it('granting to a super admin changes nothing (they always hold it); revoking from one is a 409', async () => {
      const alice = await h.actor('alice@acme.example');
      const before = await snapshot();
      expect(await grantCaseAdmin(h.ctx, alice, alice.id)).toEqual({ changed: false });
      const r = await refusal(revokeCaseAdmin(h.ctx, alice, alice.id));
      expect(r.status).toBe(409);
      expect(r.code).toBe('super_admin_holds_case_admin');
      expect(r.message).toContain('super admins always hold Case Admin');
      expect(await snapshot()).toEqual(before);
    });

    it('revoking Case Admin from an ESC removes the ESC too, with an audit row for each', async () => {
      const alice = await h.actor('alice@acme.example');
      const account = await makeAccount(h.ctx, { plan: 'silver' });
      const org = await makeOrg(h.ctx, account.id);
      const boss = await makeAdmin(h.ctx, account.id, [{ orgId: org.id, role: 'super_admin' }]);
      const esc = await makeAdmin(h.ctx, account.id, [{ orgId: org.id }], { esc: true });
      expect(await revokeCaseAdmin(h.ctx, boss, esc.id)).toEqual({ changed: true });
      expect(await userRow(esc.id)).toMatchObject({ case_admin: 0, esc: 0 });
      const rows = await auditOf(esc.id);
      expect(rows.map((r) => [r.action, r.actor_id, r.account_id, JSON.parse(r.detail)])).toEqual([
        ['case_admin_revoked', boss.id, account.id, { from: true, to: false }],
        ['esc_removed', boss.id, account.id, { from: true, to: false, cause: 'case_admin_revoked' }],
      ]);
      // revoking again changes nothing
      expect(await revokeCaseAdmin(h.ctx, boss, esc.id)).toEqual({ changed: false });
      expect(await auditOf(esc.id)).toHaveLength(2);
      // alice (another account's super admin) never sees this user
      expect((await refusal(grantCaseAdmin(h.ctx, alice, esc.id))).status).toBe(404);
    });

    it('only a super admin of the same account changes permissions: 403 for admins, 404 across accounts', async () => {
      const bob = await h.actor('bob@acme.example');
      const gina = await h.actor('gina@globex.example');
      const sam = await h.actor('sam@support.example');
      const carol = await h.actor('carol@acme.example');
      const dave = await h.actor('dave@acme.example');
      const before = await snapshot();
      for (const actor of [bob, sam]) {
        for (const [cmd, target] of [
          [grantCaseAdmin, carol],
          [revokeCaseAdmin, dave],
          [assignEsc, bob],
          [removeEsc, dave],
        ] as const) {
          const r = await refusal(cmd(h.ctx, actor, target.id));
          expect(r.status).toBe(403);
          expect(r.code).toBe('not_super_admin');
          expect(r.message).toMatch(/super admin/);
        }
      }
      for (const [cmd, target] of [
        [grantCaseAdmin, carol],
        [revokeCaseAdmin, dave],
        [assignEsc, bob],
        [removeEsc, dave],
      ] as const) {
        const r = await refusal(cmd(h.ctx, gina, target.id));
        expect(r).toEqual({ status: 404, code: 'not_found', message: 'User not found' });
      }
      // a staff user or an unknown id is the same 404
      expect((await refusal(grantCaseAdmin(h.ctx, gina, sam.id))).status).toBe(404);
      expect((await refusal(grantCaseAdmin(h.ctx, gina, 'no-such-user'))).status).toBe(404);
      expect(await snapshot()).toEqual(before);
    });

    it('a deactivated super admin changes nothing', async () => {
      const account = await makeAccount(h.ctx);
      const org = await makeOrg(h.ctx, account.id);
      const gone = await makeAdmin(h.ctx, account.id, [{ orgId: org.id, role: 'super_admin' }], {
        active: false,
      });
      const plain = await makeAdmin(h.ctx, account.id, [{ orgId: org.id }], { caseAdmin: false });
      expect((await refusal(grantCaseAdmin(h.ctx, gone, plain.id))).status).toBe(403);
      expect(await userRow(plain.id)).toMatchObject({ case_admin: 0 });
    });

    it('Case Admin goes only to active admins with an admin role in the account (422)', async () => {
      const account = await makeAccount(h.ctx);
      const org = await makeOrg(h.ctx, account.id);
      const boss = await makeAdmin(h.ctx, account.id, [{ orgId: org.id, role: 'super_admin' }]);
      const roleless = await makeAdmin(h.ctx, account.id, [], { caseAdmin: false });
      const inactive = await makeAdmin(h.ctx, account.id, [{ orgId: org.id }], {
        caseAdmin: false,
        active: false,
      });
      const before = await snapshot();
      const r1 = await refusal(grantCaseAdmin(h.ctx, boss, roleless.id));
      expect(r1).toMatchObject({ status: 422, code: 'no_admin_role' });
      expect(r1.message).toContain('no admin role');
      const r2 = await refusal(grantCaseAdmin(h.ctx, boss, inactive.id));
      expect(r2).toMatchObject({ status: 422, code: 'user_inactive' });
      expect(r2.message).toContain('deactivated');
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('Elevated Support Contact', () => {
    it('needs Case Admin first (422), and nothing changes', async () => {
      const alice = await h.actor('alice@acme.example');
      const carol = await h.actor('carol@acme.example');
      const before = await snapshot();
      const r = await refusal(assignEsc(h.ctx, alice, carol.id));
      expect(r.status).toBe(422);
      expect(r.code).toBe('case_admin_required');
      expect(r.message).toContain('needs Case Admin first');
      expect(await snapshot()).toEqual(before);
    });

    it('a super admin assigns ESC to themselves and removes it again, audit-logged; repeats change nothing', async () => {
      const alice = await h.actor('alice@acme.example');
      expect(await assignEsc(h.ctx, alice, alice.id)).toEqual({ changed: true });
      expect(await assignEsc(h.ctx, alice, alice.id)).toEqual({ changed: false });
      expect(await userRow(alice.id)).toMatchObject({ esc: 1 });
      h.clock.advance(1000);
      expect(await removeEsc(h.ctx, alice, alice.id)).toEqual({ changed: true });
      expect(await removeEsc(h.ctx, alice, alice.id)).toEqual({ changed: false });
      expect(await userRow(alice.id)).toMatchObject({ esc: 0 });
      const rows = await auditOf(alice.id);
      expect(rows.map((r) => [r.action, r.actor_id, JSON.parse(r.detail)])).toEqual([
        ['esc_assigned', alice.id, { from: false, to: true }],
        ['esc_removed', alice.id, { from: true, to: false }],
      ]);
    });

    it('seats are capped by the plan: basic has 5; the 6th waits until one is removed', async () => {
      const account = await makeAccount(h.ctx, { plan: 'basic' });
      const org = await makeOrg(h.ctx, account.id);
      const boss = await makeAdmin(h.ctx, account.id, [{ orgId: org.id, role: 'super_admin' }]);
      const admins: Actor[] = [];
      for (let i = 0; i < 6; i++) admins.push(await makeAdmin(h.ctx, account.id, [{ orgId: org.id }]));
      for (const a of admins.slice(0, 5))
        expect(await assignEsc(h.ctx, boss, a.id)).toEqual({ changed: true });

      const sixth = admins[5] as Actor;
      const before = await snapshot();
      const r = await refusal(assignEsc(h.ctx, boss, sixth.id));
      expect(r.status).toBe(409);
      expect(r.code).toBe('esc_seats_full');
      expect(r.message).toBe(
        'All 5 Elevated Support Contact seats of the basic plan are taken; remove one before adding another.',
      );
      expect(await snapshot()).toEqual(before);

      expect(await removeEsc(h.ctx, boss, (admins[0] as Actor).id)).toEqual({ changed: true });
      expect(await assignEsc(h.ctx, boss, sixth.id)).toEqual({ changed: true });
      const view = await accountPermissions(h.ctx.database.db, account.id);
      expect(view.escSeats).toEqual({ used: 5, cap: 5 });
      expect(view.account.plan).toBe('basic');
    });

    it('a deactivated ESC does not take a seat', async () => {
      const account = await makeAccount(h.ctx, { plan: 'basic' });
      const org = await makeOrg(h.ctx, account.id);
      const boss = await makeAdmin(h.ctx, account.id, [{ orgId: org.id, role: 'super_admin' }]);
      for (let i = 0; i < 4; i++) await makeAdmin(h.ctx, account.id, [{ orgId: org.id }], { esc: true });
      await makeAdmin(h.ctx, account.id, [{ orgId: org.id }], { esc: true, active: false });
      const next = await makeAdmin(h.ctx, account.id, [{ orgId: org.id }]);
      expect(await assignEsc(h.ctx, boss, next.id)).toEqual({ changed: true });
      expect((await accountPermissions(h.ctx.database.db, account.id)).escSeats).toEqual({ used: 5, cap: 5 });
    });

    it('the seat cap comes from the plans table', async () => {
      const account = await makeAccount(h.ctx, { plan: 'silver' });
      const org = await makeOrg(h.ctx, account.id);
      const boss = await makeAdmin(h.ctx, account.id, [{ orgId: org.id, role: 'super_admin' }]);
      const a = await makeAdmin(h.ctx, account.id, [{ orgId: org.id }]);
      const b = await makeAdmin(h.ctx, account.id, [{ orgId: org.id }]);
      await h.ctx.database.db
        .updateTable('plans')
        .set({ esc_seats: 1 })
        .where('key', '=', 'silver')
        .execute();
      try {
        expect(await assignEsc(h.ctx, boss, a.id)).toEqual({ changed: true });
        const r = await refusal(assignEsc(h.ctx, boss, b.id));
        expect(r).toMatchObject({ status: 409, code: 'esc_seats_full' });
        expect(r.message).toContain('The one Elevated Support Contact seat of the silver plan is taken');
      } finally {
        await h.ctx.database.db
          .updateTable('plans')
          .set({ esc_seats: 10 })
          .where('key', '=', 'silver')
          .execute();
      }
    });

    it('two concurrent assignments for the last seat: exactly one wins', async () => {
      for (let round = 0; round < 5; round++) {
        const account = await makeAccount(h.ctx, { plan: 'basic' });
        const org = await makeOrg(h.ctx, account.id);
        const boss = await makeAdmin(h.ctx, account.id, [{ orgId: org.id, role: 'super_admin' }]);
        for (let i = 0; i < 4; i++) await makeAdmin(h.ctx, account.id, [{ orgId: org.id }], { esc: true });
        const x = await makeAdmin(h.ctx, account.id, [{ orgId: org.id }]);
        const y = await makeAdmin(h.ctx, account.id, [{ orgId: org.id }]);
        const results = await Promise.allSettled([
          assignEsc(h.ctx, boss, x.id),
          assignEsc(h.ctx, boss, y.id),
        ]);
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r) => r.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        const reason = (lost[0] as PromiseRejectedResult).reason;
        expect(reason).toBeInstanceOf(AppError);
        expect((reason as AppError).code).toBe('esc_seats_full');
        const view = await accountPermissions(h.ctx.database.db, account.id);
        expect(view.escSeats).toEqual({ used: 5, cap: 5 });
        const logged = await h.ctx.database.db
          .selectFrom('audit_log')
          .select('target_user_id')
          .where('account_id', '=', account.id)
          .where('action', '=', 'esc_assigned')
          .execute();
        expect(logged).toHaveLength(1);
      }
    });
  });
});
