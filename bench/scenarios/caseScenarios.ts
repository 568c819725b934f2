import { formatNumber } from '../lib/table.ts';
import { bobCaseNumbers, ensureCases, jsonPost, myId } from './benchCases.ts';
import type { Scenario } from './scenario.ts';

/**
 * Issue 7's scenarios, all as bob@acme.example (a customer admin with Case Admin) over `--cases`
 * generated cases (bench/generators/loadCases.ts), each against a bare baseline doing one comparable
 * statement with the driver (bench/baselines/caseBaselines.ts).
 */

/** My cases, first page: GET /api/v1/cases (view=mine, open statuses, 25 most recently updated). */
export const myCasesScenario: Scenario = {
  name: 'mycases',
  label: (o) => `my cases, first page (${formatNumber(o.cases)} cases)`,
  prepare: ensureCases,
  requests: () => [{ path: '/api/v1/cases?view=mine&status=open' }],
  baseline: {
    label: 'baseline: bare Fastify, one indexed page select',
    requests: async (context) => [{ path: `/baseline/my-cases?opener=${await myId(context)}` }],
  },
};

/** Case detail: GET /api/v1/cases/{number} over bob's generated cases (info, team, escalations). */
export const caseDetailScenario: Scenario = {
  name: 'casedetail',
  label: (o) => `case detail (${formatNumber(o.cases)} cases)`,
  prepare: ensureCases,
  requests: async (context) =>
    (await bobCaseNumbers(context, 'all')).map((number) => ({ path: `/api/v1/cases/${number}` })),
  baseline: {
    label: 'baseline: bare Fastify, one select by number',
    requests: async (context) =>
      (await bobCaseNumbers(context, 'all')).map((number) => ({ path: `/baseline/case?number=${number}` })),
  },
};

/** Add a comment: POST /api/v1/cases/{number}/comments on bob's open generated cases. */
export const addCommentScenario: Scenario = {
  name: 'comment',
  label: () => 'add a comment',
  prepare: ensureCases,
  requests: async (context) =>
    (await bobCaseNumbers(context, 'open')).map((number) =>
      jsonPost(
        `/api/v1/cases/${number}/comments`,
        { body: 'Here is the HAR file you asked for; the error is at 10:42 UTC.', internal: false },
        context.session.csrfToken,
      ),
    ),
  baseline: {
    label: 'baseline: bare Fastify, one insert',
    requests: async (context) =>
      (await bobCaseNumbers(context, 'open')).map((number) => ({
        method: 'POST' as const,
        path: `/baseline/comment?number=${number}`,
      })),
  },
};

/**
 * Open a case with every field (team contact, steps, business impact): POST /api/v1/cases. Opened by
 * gina@globex.example (another account), so that the cases it adds do not grow bob's lists: the case
 * scenarios run again and again on a kept database (`--reuse`).
 */
export const openCaseScenario: Scenario = {
  name: 'opencase',
  signInAs: 'gina@globex.example',
  label: () => 'open a case (all fields)',
  async prepare() {},
  requests: (context) => [
    jsonPost(
      '/api/v1/cases',
      {
        priority: 'P2',
        subject: 'SAML assertion rejected after certificate rotation',
        description:
          'Since this morning users of the Salesforce app get "invalid assertion" (E0000004) right after ' +
          'signing in. We rotated the signing certificate yesterday at 18:00 UTC.',
        stepsToReproduce: 'Sign in to the Salesforce app as any member of the Sales group.',
        org: 'globex',
        issueArea: 'saml-sso',
        scope: 'group_of_users',
        businessImpact: 'The sales team cannot reach the CRM.',
        caseEmail: 'gina@globex.example',
        contactPhone: '+1 415 555 0100',
        contactTimezone: 'America/Los_Angeles',
        teamContacts: ['hank@globex.example'],
        p1Confirmed: false,
      },
      context.session.csrfToken,
    ),
  ],
  baseline: {
    label: 'baseline: bare Fastify, one insert',
    requests: async (context) => [
      { method: 'POST', path: `/baseline/open-case?opener=${await myId(context)}` },
    ],
  },
};
