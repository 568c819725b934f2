import { z } from 'zod';
import {
  AccountUpdate,
  AdminAccount,
  AdminAccountList,
  AdminOrgAdminList,
  CreatedOrgSuperAdmin,
  IdParams,
  NewAccount,
  NewOrg,
  NewOrgSuperAdmin,
  OrgUpdate,
} from '../../../shared/api/admin.ts';
import { createAccount } from '../../commands/admin/createAccount.ts';
import { createOrg } from '../../commands/admin/createOrg.ts';
import { createOrgSuperAdmin } from '../../commands/admin/createOrgSuperAdmin.ts';
import { updateAccount } from '../../commands/admin/updateAccount.ts';
import { updateOrg } from '../../commands/admin/updateOrg.ts';
import type { Context } from '../../context.ts';
import { notFound } from '../../errors.ts';
import type { App } from '../../http/types.ts';
import { adminAccounts, adminOrgAdmins } from '../../queries/admin/adminAccounts.ts';
import { administratorsOnly, errors } from './guards.ts';

const AccountsQuery = z.object({ q: z.string().trim().max(200, 'The search is too long').optional() });

/** Accounts, their orgs and a customer's first super admin (support administrators). */
export async function adminAccountRoutes(app: App, ctx: Context) {
  const onRequest = administratorsOnly(ctx);
  const db = ctx.database.db;
  const oneAccount = async (id: string) => {
    const [account] = await adminAccounts(db, { id });
    if (!account) throw notFound('Account');
    return account;
  };

  app.get(
    '/admin/accounts',
    {
      onRequest,
      schema: {
        tags: ['administration'],
        summary: 'Accounts with plan, ESC seats used of the cap, open cases and orgs (name contains q)',
        querystring: AccountsQuery,
        response: { 200: AdminAccountList, ...errors },
      },
    },
    async (request) => {
      const items = await adminAccounts(db, { q: request.query.q || undefined });
      return { items, total: items.length };
    },
  );

  app.post(
    '/admin/accounts',
    {
      onRequest,
      schema: {
        tags: ['administration'],
        summary: 'Create an account with its plan',
        body: NewAccount,
        response: { 201: AdminAccount, ...errors },
      },
    },
    async (request, reply) => {
      const { id } = await createAccount(ctx, request.actor, request.body);
      return reply.status(201).send(await oneAccount(id));
    },
  );

  app.get(
    '/admin/accounts/:id',
    {
      onRequest,
      schema: {
        tags: ['administration'],
        summary: 'One account',
        params: IdParams,
        response: { 200: AdminAccount, ...errors },
      },
    },
    async (request) => oneAccount(request.params.id),
  );

  app.patch(
    '/admin/accounts/:id',
    {
      onRequest,
      schema: {
        tags: ['administration'],
        summary: "Rename an account or change its plan (its open cases' due times follow the new plan)",
        params: IdParams,
        body: AccountUpdate,
        response: { 200: AdminAccount, ...errors },
      },
    },
    async (request) => {
      await updateAccount(ctx, request.actor, request.params.id, request.body);
      return oneAccount(request.params.id);
    },
  );

  app.post(
    '/admin/accounts/:id/orgs',
    {
      onRequest,
      schema: {
        tags: ['administration'],
        summary: 'Create an org under an account (slug unique, never changes)',
        params: IdParams,
        body: NewOrg,
        response: { 201: AdminAccount, ...errors },
      },
    },
    async (request, reply) => {
      await createOrg(ctx, request.actor, request.params.id, request.body);
      return reply.status(201).send(await oneAccount(request.params.id));
    },
  );

  app.patch(
    '/admin/orgs/:id',
    {
      onRequest,
      schema: {
        tags: ['administration'],
        summary: "Rename an org (its display name); answers the org's account",
        params: IdParams,
        body: OrgUpdate,
        response: { 200: AdminAccount, ...errors },
      },
    },
    async (request) => {
      const { accountId } = await updateOrg(ctx, request.actor, request.params.id, request.body);
      return oneAccount(accountId);
    },
  );

  app.get(
    '/admin/orgs/:id/admins',
    {
      onRequest,
      schema: {
        tags: ['administration'],
        summary: 'Every admin of an org, super admins first',
        params: IdParams,
        response: { 200: AdminOrgAdminList, ...errors },
      },
    },
    async (request) => {
      const items = await adminOrgAdmins(db, request.params.id);
      if (!items) throw notFound('Org');
      return { items, total: items.length };
    },
  );

  app.post(
    '/admin/orgs/:id/admins',
    {
      onRequest,
      schema: {
        tags: ['administration'],
        summary:
          "Make a customer's super admin of an org: a new user gets a one-time initial password, answered only here",
        params: IdParams,
        body: NewOrgSuperAdmin,
        response: { 201: CreatedOrgSuperAdmin, ...errors },
      },
    },
    async (request, reply) => {
      const created = await createOrgSuperAdmin(ctx, request.actor, request.params.id, request.body);
      const admins = (await adminOrgAdmins(db, created.org.id)) ?? [];
      const user = admins.find((a) => a.id === created.userId);
      if (!user) throw notFound('User');
      reply.header('cache-control', 'no-store');
      return reply.status(201).send({ user, org: created.org, initialPassword: created.initialPassword });
    },
  );
}
