import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Context } from './context.ts';
import { errorHandler } from './http/errorHandler.ts';
import type { App } from './http/types.ts';
import { isAppPage, registerWebApp, sendAppPage } from './http/webApp.ts';
import { apiRoutes } from './routes/apiRoutes.ts';
import { healthRoutes } from './routes/health/healthRoutes.ts';

/** Secrets never reach the logs (DEVELOPERS.md: Security). */
const REDACT = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.csrfToken',
];

export async function buildApp(
  ctx: Context,
  options: { logger?: FastifyServerOptions['logger']; web?: boolean; webDir?: string } = {},
): Promise<App> {
  const app = Fastify({
    logger: options.logger ?? { level: ctx.config.logLevel, redact: REDACT },
    bodyLimit: 1024 * 1024,
    trustProxy:
      typeof ctx.config.trustProxy === 'number'
        ? (_address: string, hop: number) => hop < (ctx.config.trustProxy as number)
        : ctx.config.trustProxy,
    // The case number is part of the URL; keep ids readable in logs.
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  // Bodies are JSON (or multipart on the attachment route); anything else is refused with 415.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  let webApp = false;
  app.setNotFoundHandler((request, reply) => {
    if (webApp && isAppPage(request)) return sendAppPage(reply);
    return reply.status(404).send({
      error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}` },
    });
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Casebook API',
        version: '1',
        description:
          'Support cases for customer admins and support staff. Sign in with POST /api/v1/session; send the csrfToken ' +
          'from the answer in the x-csrf-token header on every write.',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'casebook_session' } },
      },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  await app.register(async (scope) => healthRoutes(scope as App, ctx));
  if (options.web !== false) webApp = await registerWebApp(app as App, options.webDir);
  await app.register(
    async (api) => {
      await api.register(fastifyCookie);
      await apiRoutes(api as App, ctx);
    },
    { prefix: '/api/v1' },
  );
  return app as App;
}
