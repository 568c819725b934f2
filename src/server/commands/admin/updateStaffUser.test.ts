import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../testing/databases.ts';
import { createHarness, type Harness } from '../../testing/harness.ts';
import { refusal } from '../../testing/refusal.ts';
import { createStaffUser } from './createStaffUser.ts';
import { updateStaffUser } from './updateStaffUser.ts';

describeEachDatabase('updateStaffUser: the last active administrator', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(() => h.close());

  it('an administrator demoted a moment ago (a stale actor) cannot demote the last one left', async () => {
    const root = await h.actor('root@support.example');
    const { id: kimId } = await createStaffUser(h.ctx, root, {
      email: 'kim@support.example',
      name: 'Kim',
      role: 'administrator',
      password: 'a-long-initial-password',
    });
    const kim = await h.actor('kim@support.example');
    // kim demotes root; root's request was already authenticated as an administrator
    await updateStaffUser(h.ctx, kim, root.id, { role: 'manager' });
    for (const change of [{ role: 'engineer' as const }, { active: false }]) {
      const error = await refusal(updateStaffUser(h.ctx, root, kimId, change));
      expect(error.status).toBe(409);
      expect(error.code).toBe('last_administrator');
      expect(Object.keys(error.fields ?? {})).toEqual([Object.keys(change)[0]]);
    }
    const kimRow = await h.ctx.database.db
      .selectFrom('users')
      .select(['staff_role', 'active'])
      .where('id', '=', kimId)
      .executeTakeFirstOrThrow();
    expect(kimRow).toEqual({ staff_role: 'administrator', active: 1 });
    // a rename is no role change: allowed
    await updateStaffUser(h.ctx, root, kimId, { name: 'Kim Kato' });
  });
});
