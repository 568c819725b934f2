import { z } from 'zod';
import {
  AdminQueue,
  AdminQueueList,
  KeyParams,
  NewQueue,
  QueueMemberList,
  QueueMemberParams,
  QueueUpdate,
} from '../../../shared/api/admin.ts';
import { addQueueMember } from '../../commands/admin/addQueueMember.ts';
import { createQueue } from '../../commands/admin/createQueue.ts';
import { deleteQueue } from '../../commands/admin/deleteQueue.ts';
import { removeQueueMember } from '../../commands/admin/removeQueueMember.ts';
import { updateQueue } from '../../commands/admin/updateQueue.ts';
import type { Context } from '../../context.ts';
import { notFound } from '../../errors.ts';
import type { App } from '../../http/types.ts';
import { adminQueues, queueMembers } from '../../queries/admin/adminQueues.ts';
import { administratorsOnly, errors } from './guards.ts';

/** Queues and their members (support administrators). */
export async function adminQueueRoutes(app: App, ctx: Context) {
  const onRequest = administratorsOnly(ctx);
  const db = ctx.database.db;
  const oneQueue = async (key: string) => {
    const [queue] = await adminQueues(db, key);
    if (!queue) throw notFound('Queue');
    return queue;
  };
  const members = async (key: string) => {
    await oneQueue(key);
    const items = (await queueMembers(db, key)).map(({ queue: _q, ...m }) => m);
    return { items, total: items.length };
  };

  app.get(
    '/admin/queues',
    {
      onRequest,
      schema: {
        tags: ['administration'],
        summary: 'Queues with members, issue areas, open cases and canned responses; triage first',
        response: { 200: AdminQueueList, ...errors },
      },
    },
    async () => {
      const items = await adminQueues(db);
      return { items, total: items.length };
    },
  );

  app.post(
    '/admin/queues',
    {
      onRequest,
      schema: {
        tags: ['administration'],
        summary: 'Create a queue (triage: true makes it the one triage queue)',
        body: NewQueue,
        response: { 201: AdminQueue, ...errors },
      },
    },
    async (request, reply) => {
      const { key } = await createQueue(ctx, request.actor, request.body);
      return reply.status(201).send(await oneQueue(key));
    },
  );

  app.patch(
    '/admin/queues/:key',
    {
      onRequest,
      schema: {
        tags: ['administration'],
        summary: 'Rename or describe a queue, or make it the triage queue',
        params: KeyParams,
        body: QueueUpdate,
        response: { 200: AdminQueue, ...errors },
      },
    },
    async (request) => {
      await updateQueue(ctx, request.actor, request.params.key, request.body);
      return oneQueue(request.params.key);
    },
  );

  app.delete(
    '/admin/queues/:key',
    {
      onRequest,
      schema: {
        tags: ['administration'],
        summary: 'Delete a queue nothing depends on (409 with the reason otherwise)',
        params: KeyParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteQueue(ctx, request.actor, request.params.key);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/admin/queues/:key/members',
    {
      onRequest,
      schema: {
        tags: ['administration'],
        summary: "A queue's members",
        params: KeyParams,
        response: { 200: QueueMemberList, ...errors },
      },
    },
    async (request) => members(request.params.key),
  );

  app.put(
    '/admin/queues/:key/members/:userId',
    {
      onRequest,
      schema: {
        tags: ['administration'],
        summary: 'Add an active staff user to a queue (idempotent; audit-logged)',
        params: QueueMemberParams,
        response: { 200: QueueMemberList, ...errors },
      },
    },
    async (request) => {
      await addQueueMember(ctx, request.actor, request.params.key, request.params.userId);
      return members(request.params.key);
    },
  );

  app.delete(
    '/admin/queues/:key/members/:userId',
    {
      onRequest,
      schema: {
        tags: ['administration'],
        summary: 'Take a staff user off a queue (idempotent; audit-logged)',
        params: QueueMemberParams,
        response: { 200: QueueMemberList, ...errors },
      },
    },
    async (request) => {
      await removeQueueMember(ctx, request.actor, request.params.key, request.params.userId);
      return members(request.params.key);
    },
  );
}
