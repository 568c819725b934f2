import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { projectPath } from '../projectRoot.ts';
import type { App } from './types.ts';

/** Where `vite build` puts the Support Center web app. */
export const WEB_DIST = projectPath('dist', 'web');

/**
 * Serves the built web app at `/`. Any other GET that is not an API or docs address answers the
 * app's index.html, so deep links such as /cases/00010001 work on reload.
 */
export async function registerWebApp(app: App, dir = WEB_DIST): Promise<boolean> {
  if (!existsSync(join(dir, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    setHeaders(res, path) {
      // Hashed assets never change; the page itself must always be fresh.
      if (path.includes(`${join(dir, 'assets')}`))
        res.header('cache-control', 'public, max-age=31536000, immutable');
      else res.header('cache-control', 'no-cache');
    },
  });
  return true;
}

export function isAppPage(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? '';
  return (
    request.method === 'GET' &&
    !path.startsWith('/api/') &&
    !['/healthz', '/readyz', '/metrics'].includes(path) &&
    !/\.[a-z0-9]{1,5}$/i.test(path)
  );
}

export function sendAppPage(reply: FastifyReply) {
  return reply.header('cache-control', 'no-cache').type('text/html').sendFile('index.html');
}
