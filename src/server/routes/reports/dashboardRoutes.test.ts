import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard } from '../../../shared/api/dashboard.ts';
import { describeEachDatabase } from '../../testing/databases.ts';
import { createHarness, type Harness } from '../../testing/harness.ts';

describeEachDatabase('GET /api/v1/reports/dashboard', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(() => h.close());

  describe('who may see it', () => {
    it('answers support managers and administrators with the demo data', async () => {
      for (const email of ['mia@support.example', 'root@support.example']) {
        const res = await (await h.signIn(email)).get('/api/v1/reports/dashboard');
        expect(res.statusCode, `${email}: ${res.body}`).toBe(200);
        const d: Dashboard = res.json();
        // The demo data: 5 cases new, open or pending customer (SPEC §12).
        expect(d.open.total, email).toBe(5);
        expect(d.open.byPriority.reduce((s, p) => s + p.count, 0)).toBe(5);
        expect(d.firstResponse.periods).toHaveLength(30);
      }
    });

    it('refuses engineers and customers as the other reports do, and anyone signed out', async () => {
      for (const email of [
        'sam@support.example',
        'bob@acme.example',
        'dave@acme.example',
        'alice@acme.example',
      ]) {
        const res = await (await h.signIn(email)).get('/api/v1/reports/dashboard');
        expect(res.statusCode, email).toBe(403);
        expect(res.json().error.code).toBe('forbidden');
        expect(res.body).not.toContain('byPriority');
      }
      const anonymous = await h.app.inject({ method: 'GET', url: '/api/v1/reports/dashboard' });
      expect(anonymous.statusCode).toBe(401);
    });
  });

  describe('filters', () => {
    it('narrows by plan and queue', async () => {
      const mia = await h.signIn('mia@support.example');
      const gold = (await mia.get('/api/v1/reports/dashboard?plan=gold')).json() as Dashboard;
      const basic = (await mia.get('/api/v1/reports/dashboard?plan=basic')).json() as Dashboard;
      expect(gold.plan).toBe('gold');
      // Acme (gold): open, pending customer and new; Globex (basic): open and new.
      expect([gold.open.total, basic.open.total]).toEqual([3, 2]);
      const identity = (await mia.get('/api/v1/reports/dashboard?queue=identity')).json() as Dashboard;
      expect(identity.queue).toBe('identity');
      expect(identity.queues.map((q) => q.key)).toEqual(['identity']);
      expect(identity.open.total).toBe(identity.queues[0]!.open);
    });

    it('answers a field error for a plan, date or range it cannot use, never a 500', async () => {
      const mia = await h.signIn('mia@support.example');
      const plan = await mia.get('/api/v1/reports/dashboard?plan=platinum');
      expect(plan.statusCode).toBe(400);
      expect(plan.json().error.fields.plan).toMatch(/basic, silver or gold/);
      const date = await mia.get('/api/v1/reports/dashboard?from=last-week');
      expect(date.statusCode).toBe(400);
      expect(date.json().error.fields.from).toMatch(/date/);
      const reversed = await mia.get('/api/v1/reports/dashboard?from=2026-11-10&to=2026-11-01');
      expect(reversed.statusCode).toBe(422);
      expect(reversed.json().error.fields.to).toMatch(/before/);
      const long = await mia.get('/api/v1/reports/dashboard?from=2025-01-01&to=2026-11-01');
      expect(long.statusCode).toBe(422);
      const queue = await mia.get(`/api/v1/reports/dashboard?queue=${'q'.repeat(101)}`);
      expect(queue.statusCode).toBe(400);
      const unknown = await mia.get('/api/v1/reports/dashboard?queue=no-such-queue');
      expect(unknown.statusCode).toBe(200);
      expect(unknown.json().open.total).toBe(0);
    });
  });
});
