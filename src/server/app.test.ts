import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from './testing/databases.ts';
import { createHarness, type Harness } from './testing/harness.ts';

/** Every route of SPEC §11 that issue 2 delivers, as the OpenAPI document must list it. */
const EXPECTED_ROUTES: [string, string][] = [
  ['post', '/api/v1/session'],
  ['delete', '/api/v1/session'],
  ['get', '/api/v1/me'],
  ['get', '/api/v1/orgs'],
  ['get', '/api/v1/orgs/{org}/admins'],
  ['get', '/api/v1/issue-areas'],
  ['post', '/api/v1/cases'],
  ['get', '/api/v1/cases'],
  ['get', '/api/v1/cases/{number}'],
  ['patch', '/api/v1/cases/{number}'],
  ['get', '/api/v1/cases/{number}/comments'],
  ['post', '/api/v1/cases/{number}/comments'],
  ['get', '/api/v1/cases/{number}/history'],
  ['get', '/api/v1/cases/{number}/attachments'],
  ['post', '/api/v1/cases/{number}/attachments'],
  ['get', '/api/v1/cases/{number}/attachments/{id}'],
  ['post', '/api/v1/cases/{number}/team'],
  ['delete', '/api/v1/cases/{number}/team'],
  ['post', '/api/v1/cases/{number}/escalation'],
  ['get', '/api/v1/account/permissions'],
  ['put', '/api/v1/account/admins/{userId}/case-admin'],
  ['delete', '/api/v1/account/admins/{userId}/case-admin'],
  ['put', '/api/v1/account/admins/{userId}/esc'],
  ['delete', '/api/v1/account/admins/{userId}/esc'],
  ['get', '/api/v1/account/audit-log'],
];

describeEachDatabase('app', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect, { seed: false });
  });
  afterAll(() => h.close());

  it('serves health and readiness', async () => {
    expect((await h.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await h.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', database: dialect });
  });

  it('publishes an OpenAPI document listing every route with its schema', async () => {
    const res = await h.app.inject({ url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    const missing: string[] = [];
    for (const [method, path] of EXPECTED_ROUTES) {
      const op = doc.paths?.[path]?.[method];
      if (!op) {
        missing.push(`${method.toUpperCase()} ${path}`);
        continue;
      }
      expect(op.responses, `${method} ${path} responses`).toBeTruthy();
      if (
        ['post', 'patch', 'put'].includes(method) &&
        !path.endsWith('/attachments') &&
        !path.includes('/admins/')
      ) {
        expect(op.requestBody, `${method} ${path} body schema`).toBeTruthy();
      }
    }
    expect(missing).toEqual([]);
    expect(doc.components?.schemas?.NewCase?.properties).toHaveProperty('contactTimezone');
    const viewer = await h.app.inject({ url: '/api/docs' });
    expect([200, 302]).toContain(viewer.statusCode);
  });

  it('answers unknown routes with the error shape', async () => {
    const res = await h.app.inject({ url: '/api/v1/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });
});
