import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  redirect,
} from '@tanstack/react-router';
import { meQuery } from './api/session.ts';
import { readAdminSearch } from './components/admin/adminSearch.ts';
import { readConsoleSearch, readEscalationsSearch } from './components/console/consoleSearch.ts';
import { readDashboardSearch } from './components/dashboard/dashboardSearch.ts';
import { AppLayout } from './layout/AppLayout.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { flag, oneOf, positiveInt, type Raw, searchSchema, str } from './searchParams.ts';

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
  validateSearch: searchSchema((raw) => ({ redirect: str(raw, 'redirect') })),
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
  validateSearch: searchSchema((raw) => ({ search: flag(raw, 'search') })),
  component: lazyRouteComponent(() => import('./pages/HomePage.tsx'), 'HomePage'),
});

export interface CasesSearch {
  view: 'mine' | 'account';
  status: string;
  priority?: string;
  org?: string;
  q?: string;
  sort: 'updated' | 'created' | 'priority' | 'number' | 'status';
  order: 'asc' | 'desc';
  page: number;
}

/** Links may give any subset; the page always reads every field (defaults applied). */
export function readCasesSearch(raw: Raw): CasesSearch {
  return {
    view: oneOf(raw, 'view', ['mine', 'account'], 'mine'),
    status: str(raw, 'status') ?? 'open',
    priority: str(raw, 'priority'),
    org: str(raw, 'org'),
    q: str(raw, 'q'),
    sort: oneOf(raw, 'sort', ['updated', 'created', 'priority', 'number', 'status'], 'updated'),
    order: oneOf(raw, 'order', ['asc', 'desc'], 'desc'),
    page: positiveInt(raw, 'page', 1),
  };
}

export const myCasesRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: '/cases',
  validateSearch: searchSchema(readCasesSearch),
  component: lazyRouteComponent(() => import('./pages/MyCasesPage.tsx'), 'MyCasesPage'),
});

export const openCaseRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: '/cases/new',
  validateSearch: searchSchema((raw) => ({ org: str(raw, 'org') })),
  component: lazyRouteComponent(() => import('./pages/OpenCasePage.tsx'), 'OpenCasePage'),
});

export const caseRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: '/cases/$number',
  component: lazyRouteComponent(() => import('./pages/CasePage.tsx'), 'CasePage'),
});

export const kbSearchRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: '/kb',
  validateSearch: searchSchema((raw) => ({ q: str(raw, 'q'), issueArea: str(raw, 'issueArea') })),
  component: lazyRouteComponent(() => import('./pages/KbSearchPage.tsx'), 'KbSearchPage'),
});

export const kbArticleRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: '/kb/$id',
  component: lazyRouteComponent(() => import('./pages/KbArticlePage.tsx'), 'KbArticlePage'),
});

export const accountPermissionsRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: '/account/permissions',
  component: lazyRouteComponent(() => import('./pages/AccountPermissionsPage.tsx'), 'AccountPermissionsPage'),
});

export interface MailSearch {
  tab: 'messages' | 'problems';
  direction?: 'out' | 'in' | undefined;
  /** a case number of up to 8 digits */
  case?: string | undefined;
  page: number;
  /** the id of the message shown */
  message?: string | undefined;
}

export function readMailSearch(raw: Raw): MailSearch {
  const direction = str(raw, 'direction');
  const caseNumber = str(raw, 'case');
  return {
    tab: oneOf(raw, 'tab', ['messages', 'problems'], 'messages'),
    direction: direction === 'out' || direction === 'in' ? direction : undefined,
    case: caseNumber && /^\d{1,8}$/.test(caseNumber) ? caseNumber : undefined,
    page: positiveInt(raw, 'page', 1),
    message: str(raw, 'message'),
  };
}

/** The dev mailbox / mail log and delivery problems, for support staff (issue 5). */
export const mailRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: '/dev/mail',
  validateSearch: searchSchema(readMailSearch),
  component: lazyRouteComponent(() => import('./pages/MailPage.tsx'), 'MailPage'),
});

/** The support console (issue 6): queue lists for staff. */
export const consoleRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: '/console',
  validateSearch: searchSchema(readConsoleSearch),
  component: lazyRouteComponent(() => import('./pages/ConsolePage.tsx'), 'ConsolePage'),
});

/** The managers' escalations view (issue 6). */
export const escalationsRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: '/console/escalations',
  validateSearch: searchSchema(readEscalationsSearch),
  component: lazyRouteComponent(() => import('./pages/EscalationsPage.tsx'), 'EscalationsPage'),
});

/** The support dashboard with charts (issue 6), for managers and administrators. */
export const dashboardRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: '/console/dashboard',
  validateSearch: searchSchema(readDashboardSearch),
  component: lazyRouteComponent(() => import('./pages/DashboardPage.tsx'), 'DashboardPage'),
});

/** Administration (issue 6): support administrators; managers keep canned responses there. */
export const adminRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: '/admin',
  validateSearch: searchSchema(readAdminSearch),
  component: lazyRouteComponent(() => import('./pages/AdminPage.tsx'), 'AdminPage'),
});

const routeTree = rootRoute.addChildren([
  signInRoute,
  authedRoute.addChildren([
    homeRoute,
    myCasesRoute,
    openCaseRoute,
    caseRoute,
    kbSearchRoute,
    kbArticleRoute,
    accountPermissionsRoute,
    mailRoute,
    consoleRoute,
    escalationsRoute,
    adminRoute,
    dashboardRoute,
  ]),
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
