import type { FastifyRequest } from 'fastify';
import { ApiError } from '../../../shared/api/errors.ts';
import { requireAdministrator } from '../../commands/admin/administration.ts';
import type { Context } from '../../context.ts';
import { authenticate } from '../../http/authenticate.ts';

export const errors = {
  400: ApiError,
  401: ApiError,
  403: ApiError,
  404: ApiError,
  409: ApiError,
  422: ApiError,
};

/** Signed in, and a vendor support administrator (403 otherwise, customers included). */
export function administratorsOnly(ctx: Context) {
  return [
    authenticate(ctx),
    async (request: FastifyRequest) => {
      requireAdministrator(request.actor);
    },
  ];
}
