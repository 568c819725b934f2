import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  redirect,
} from '@tanstack/react-router';
import { z } from 'zod';
import { meQuery } from './api/session.ts';
import { AppLayout } from './layout/AppLayout.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';

export interface RouterContext {
  queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: AppLayout,
  notFoundComponent: NotFoundPage,
});

export const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: z.object({ redirect: z.string().optional() }),
  component: SignInPage,
});

/** Every page but sign-in needs a session; without one, sign in and come back. */
const authedRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'authed',
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData(meQuery);
    if (!me) throw redirect({ to: '/sign-in', search: { redirect: location.href } });
    return { me };
  },
});

export const homeRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: '/',
  validateSearch: z.object({ search: z.coerce.boolean().optional() }),
  component: lazyRouteComponent(() => import('./pages/HomePage.tsx'), 'HomePage'),
});

export const casesSearch = z.object({
  view: z.enum(['mine', 'account']).catch('mine').default('mine'),
  status: z.string().catch('open').default('open'),
  priority: z.string().optional().catch(undefined),
  org: z.string().optional().catch(undefined),
  q: z.string().optional().catch(undefined),
  sort: z.enum(['updated', 'created', 'priority', 'number', 'status']).catch('updated').default('updated'),
  order: z.enum(['asc', 'desc']).catch('desc').default('desc'),
  page: z.coerce.number().int().min(1).catch(1).default(1),
});

export const myCasesRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: '/cases',
  validateSearch: casesSearch,
  component: lazyRouteComponent(() => import('./pages/MyCasesPage.tsx'), 'MyCasesPage'),
});

export const openCaseRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: '/cases/new',
  validateSearch: z.object({ org: z.string().optional().catch(undefined) }),
  component: lazyRouteComponent(() => import('./pages/OpenCasePage.tsx'), 'OpenCasePage'),
});

export const caseRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: '/cases/$number',
  component: lazyRouteComponent(() => import('./pages/CasePage.tsx'), 'CasePage'),
});

export const accountPermissionsRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: '/account/permissions',
  component: lazyRouteComponent(() => import('./pages/AccountPermissionsPage.tsx'), 'AccountPermissionsPage'),
});

const routeTree = rootRoute.addChildren([
  signInRoute,
  authedRoute.addChildren([homeRoute, myCasesRoute, openCaseRoute, caseRoute, accountPermissionsRoute]),
]);

export function makeRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof makeRouter>;
  }
}
