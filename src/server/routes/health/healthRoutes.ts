import { sql } from 'kysely';
import type { Context } from '../../context.ts';
import type { App } from '../../http/types.ts';

export async function healthRoutes(app: App, ctx: Context) {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(ctx.database.db);
      return { status: 'ready', database: ctx.database.dialect };
    } catch {
      return reply.status(503).send({ status: 'unavailable', database: ctx.database.dialect });
    }
  });
}
