import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  CannedResponse,
  CannedResponseList,
  CannedResponsesQuery,
  CannedResponseUpdate,
  IdParams,
  NewCannedResponse,
} from '../../../shared/api/admin.ts';
import { createCannedResponse } from '../../commands/admin/createCannedResponse.ts';
import { deleteCannedResponse } from '../../commands/admin/deleteCannedResponse.ts';
import { updateCannedResponse } from '../../commands/admin/updateCannedResponse.ts';
import type { Context } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import { authenticate } from '../../http/authenticate.ts';
import type { App } from '../../http/types.ts';
import { canReadCannedResponses } from '../../policies/administration.ts';
import { cannedResponses } from '../../queries/admin/cannedResponses.ts';
import { errors } from './guards.ts';

/**
 * Canned responses: every staff member reads them (the workspace's picker, filtered by the case's
 * queue); managers and administrators keep them (the commands check). Customers: 403.
 */
export async function cannedResponseRoutes(app: App, ctx: Context) {
  const onRequest = [
    authenticate(ctx),
    async (request: FastifyRequest) => {
      if (!canReadCannedResponses(request.actor)) {
        throw new AppError(403, 'forbidden', 'Canned responses are for vendor support staff.');
      }
    },
  ];
  const db = ctx.database.db;
  const one = async (id: string) => {
    const [row] = await cannedResponses(db, { id });
    if (!row) throw notFound('Canned response');
    return row;
  };

  app.get(
    '/canned-responses',
    {
      onRequest,
      schema: {
        tags: ['canned responses'],
        summary: "Canned responses by title; with queue: that queue's and those for every queue (staff)",
        querystring: CannedResponsesQuery,
        response: { 200: CannedResponseList, ...errors },
      },
    },
    async (request) => {
      const items = await cannedResponses(db, { queue: request.query.queue || undefined });
      return { items, total: items.length };
    },
  );

  app.get(
    '/canned-responses/:id',
    {
      onRequest,
      schema: {
        tags: ['canned responses'],
        summary: 'One canned response (staff)',
        params: IdParams,
        response: { 200: CannedResponse, ...errors },
      },
    },
    async (request) => one(request.params.id),
  );

  app.post(
    '/canned-responses',
    {
      onRequest,
      schema: {
        tags: ['canned responses'],
        summary: 'Create a canned response (managers and administrators)',
        body: NewCannedResponse,
        response: { 201: CannedResponse, ...errors },
      },
    },
    async (request, reply) => {
      const { id } = await createCannedResponse(ctx, request.actor, request.body);
      return reply.status(201).send(await one(id));
    },
  );

  app.patch(
    '/canned-responses/:id',
    {
      onRequest,
      schema: {
        tags: ['canned responses'],
        summary: 'Edit a canned response (managers and administrators)',
        params: IdParams,
        body: CannedResponseUpdate,
        response: { 200: CannedResponse, ...errors },
      },
    },
    async (request) => {
      await updateCannedResponse(ctx, request.actor, request.params.id, request.body);
      return one(request.params.id);
    },
  );

  app.delete(
    '/canned-responses/:id',
    {
      onRequest,
      schema: {
        tags: ['canned responses'],
        summary: 'Delete a canned response (managers and administrators)',
        params: IdParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteCannedResponse(ctx, request.actor, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
