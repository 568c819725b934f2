import {
  CreatedStaffUser,
  IdParams,
  NewStaffUser,
  StaffUser,
  StaffUserList,
  StaffUserUpdate,
} from '../../../shared/api/admin.ts';
import { createStaffUser } from '../../commands/admin/createStaffUser.ts';
import { updateStaffUser } from '../../commands/admin/updateStaffUser.ts';
import type { Context } from '../../context.ts';
import { notFound } from '../../errors.ts';
import type { App } from '../../http/types.ts';
import { staffUsers } from '../../queries/admin/staffUsers.ts';
import { administratorsOnly, errors } from './guards.ts';

/** Vendor staff users (support administrators). */
export async function adminStaffRoutes(app: App, ctx: Context) {
  const onRequest = administratorsOnly(ctx);
  const db = ctx.database.db;
  const oneUser = async (id: string) => {
    const [user] = await staffUsers(db, id);
    if (!user) throw notFound('User');
    return user;
  };

  app.get(
    '/admin/staff',
    {
      onRequest,
      schema: {
        tags: ['administration'],
        summary: 'Vendor staff users with role, state and queues; active first',
        response: { 200: StaffUserList, ...errors },
      },
    },
    async () => {
      const items = await staffUsers(db);
      return { items, total: items.length };
    },
  );

  app.post(
    '/admin/staff',
    {
      onRequest,
      schema: {
        tags: ['administration'],
        summary:
          'Create a staff user; without a password one is generated and answered once (initialPassword)',
        body: NewStaffUser,
        response: { 201: CreatedStaffUser, ...errors },
      },
    },
    async (request, reply) => {
      const { id, initialPassword } = await createStaffUser(ctx, request.actor, request.body);
      reply.header('cache-control', 'no-store');
      return reply.status(201).send({ user: await oneUser(id), initialPassword });
    },
  );

  app.patch(
    '/admin/staff/:id',
    {
      onRequest,
      schema: {
        tags: ['administration'],
        summary:
          'Rename, change the role of, deactivate or reactivate a staff user (never yourself, never the last administrator)',
        params: IdParams,
        body: StaffUserUpdate,
        response: { 200: StaffUser, ...errors },
      },
    },
    async (request) => {
      await updateStaffUser(ctx, request.actor, request.params.id, request.body);
      return oneUser(request.params.id);
    },
  );
}
