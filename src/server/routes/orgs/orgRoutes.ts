import { z } from 'zod';
import { IssueArea, OrgAdmin, OrgSummary } from '../../../shared/api/accounts.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import type { Context } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { authenticate, requireCaseAccess } from '../../http/authenticate.ts';
import type { App } from '../../http/types.ts';

export async function orgRoutes(app: App, ctx: Context) {
  const auth = authenticate(ctx);

  app.get(
    '/orgs',
    {
      onRequest: auth,
      schema: {
        tags: ['orgs'],
        summary: 'Orgs where I am an admin (the choices for "Org impacted")',
        response: { 200: z.object({ items: z.array(OrgSummary), total: z.number() }), 401: ApiError },
      },
    },
    async (request) => {
      const items =
        request.actor.kind === 'customer'
          ? request.actor.orgs.map(({ slug, name, role }) => ({ slug, name, role }))
          : [];
      return { items, total: items.length };
    },
  );

  app.get(
    '/orgs/:org/admins',
    {
      onRequest: [auth, requireCaseAccess],
      schema: {
        tags: ['orgs'],
        summary: 'Active admins of one of my orgs: the candidates for the case team',
        params: z.object({ org: z.string() }),
        response: {
          200: z.object({ items: z.array(OrgAdmin), total: z.number() }),
          401: ApiError,
          403: ApiError,
          404: ApiError,
        },
      },
    },
    async (request) => {
      const actor = request.actor;
      const org =
        actor.kind === 'customer'
          ? actor.orgs.find((o) => o.slug === request.params.org)
          : await ctx.database.db
              .selectFrom('orgs')
              .select(['id', 'slug'])
              .where('slug', '=', request.params.org)
              .executeTakeFirst();
      if (!org) throw notFound('Org');
      const items = await ctx.database.db
        .selectFrom('org_admins')
        .innerJoin('users', 'users.id', 'org_admins.user_id')
        .select(['users.id', 'users.name', 'users.email', 'org_admins.role'])
        .where('org_admins.org_id', '=', org.id)
        .where('users.active', '=', 1)
        .orderBy('users.name')
        .execute();
      return { items, total: items.length };
    },
  );

  app.get(
    '/issue-areas',
    {
      onRequest: auth,
      schema: {
        tags: ['orgs'],
        summary: 'The two-level issue area list; common areas first',
        response: { 200: z.object({ items: z.array(IssueArea), total: z.number() }), 401: ApiError },
      },
    },
    async () => {
      const rows = await ctx.database.db
        .selectFrom('issue_areas')
        .selectAll()
        .where('active', '=', 1)
        .orderBy('common', 'desc')
        .orderBy('sort_order')
        .orderBy('name')
        .execute();
      const parents = new Set(rows.map((r) => r.parent_key).filter(Boolean));
      const items = rows.map((r) => ({
        key: r.key,
        name: r.name,
        description: r.description,
        parent: r.parent_key,
        common: r.common === 1,
        selectable: !parents.has(r.key),
      }));
      return { items, total: items.length };
    },
  );
}
