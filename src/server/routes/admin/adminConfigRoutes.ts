import {
  AdminIssueArea,
  AdminIssueAreaList,
  AdminPlan,
  AdminPlanList,
  IssueAreaUpdate,
  KeyParams,
  NewIssueArea,
  PlanParams,
  PlanUpdate,
  SlaTargetList,
  SlaTargetsUpdate,
  SlaTargetsUpdated,
} from '../../../shared/api/admin.ts';
import { createIssueArea } from '../../commands/admin/createIssueArea.ts';
import { updateIssueArea } from '../../commands/admin/updateIssueArea.ts';
import { updatePlan } from '../../commands/admin/updatePlan.ts';
import { updateSlaTargets } from '../../commands/admin/updateSlaTargets.ts';
import type { Context } from '../../context.ts';
import { notFound } from '../../errors.ts';
import type { App } from '../../http/types.ts';
import { adminIssueAreas } from '../../queries/admin/adminIssueAreas.ts';
import { adminPlans, slaTargets } from '../../queries/admin/adminPlans.ts';
import { administratorsOnly, errors } from './guards.ts';

/** Plans, the SLA target matrix and issue areas (support administrators). */
export async function adminConfigRoutes(app: App, ctx: Context) {
  const onRequest = administratorsOnly(ctx);
  const db = ctx.database.db;

  app.get(
    '/admin/plans',
    {
      onRequest,
      schema: {
        tags: ['administration'],
        summary: 'Plans: ESC seats, support hours, first-response targets, accounts on each',
        response: { 200: AdminPlanList, ...errors },
      },
    },
    async () => {
      const items = await adminPlans(db);
      return { items, total: items.length };
    },
  );

  app.patch(
    '/admin/plans/:key',
    {
      onRequest,
      schema: {
        tags: ['administration'],
        summary: "Change a plan's name, ESC seats or support hours (open cases' due times follow the hours)",
        params: PlanParams,
        body: PlanUpdate,
        response: { 200: AdminPlan, ...errors },
      },
    },
    async (request) => {
      await updatePlan(ctx, request.actor, request.params.key, request.body);
      const plan = (await adminPlans(db)).find((p) => p.key === request.params.key);
      if (!plan) throw notFound('Plan');
      return plan;
    },
  );

  app.get(
    '/admin/sla-targets',
    {
      onRequest,
      schema: {
        tags: ['administration'],
        summary: 'First-response targets in minutes of support time, plan × priority',
        response: { 200: SlaTargetList, ...errors },
      },
    },
    async () => {
      const items = await slaTargets(db);
      return { items, total: items.length };
    },
  );

  app.patch(
    '/admin/sla-targets',
    {
      onRequest,
      schema: {
        tags: ['administration'],
        summary:
          'Change cells of the target matrix; open cases not answered yet of those plans and priorities get a new due time',
        body: SlaTargetsUpdate,
        response: { 200: SlaTargetsUpdated, ...errors },
      },
    },
    async (request) => {
      const { recomputedCases } = await updateSlaTargets(ctx, request.actor, request.body);
      const items = await slaTargets(db);
      return { items, total: items.length, recomputedCases };
    },
  );

  app.get(
    '/admin/issue-areas',
    {
      onRequest,
      schema: {
        tags: ['administration'],
        summary: 'Every issue area, active or not: each group followed by its areas, in sort order',
        response: { 200: AdminIssueAreaList, ...errors },
      },
    },
    async () => {
      const items = await adminIssueAreas(db);
      return { items, total: items.length };
    },
  );

  const oneArea = async (key: string) => {
    const [area] = await adminIssueAreas(db, key);
    if (!area) throw notFound('Issue area');
    return area;
  };

  app.post(
    '/admin/issue-areas',
    {
      onRequest,
      schema: {
        tags: ['administration'],
        summary: 'Create an issue area group (no parent) or an area under a group, routed to a queue',
        body: NewIssueArea,
        response: { 201: AdminIssueArea, ...errors },
      },
    },
    async (request, reply) => {
      const { key } = await createIssueArea(ctx, request.actor, request.body);
      return reply.status(201).send(await oneArea(key));
    },
  );

  app.patch(
    '/admin/issue-areas/:key',
    {
      onRequest,
      schema: {
        tags: ['administration'],
        summary: 'Edit an issue area; inactive ones leave the case form, their cases keep them',
        params: KeyParams,
        body: IssueAreaUpdate,
        response: { 200: AdminIssueArea, ...errors },
      },
    },
    async (request) => {
      await updateIssueArea(ctx, request.actor, request.params.key, request.body);
      return oneArea(request.params.key);
    },
  );
}
