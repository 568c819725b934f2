import type { Scenario } from './scenario.ts';

/**
 * The signed-in floor: GET /api/v1/me, the cheapest authenticated route (session look-up, the actor
 * loaded fresh, the answer validated and serialized). Every scenario pays this much per request; at
 * 50 connections it bounds what any signed-in route can reach. Baseline: one indexed select of a
 * user by email.
 */
export const sessionScenario: Scenario = {
  name: 'session',
  label: () => 'signed-in floor: GET /api/v1/me',
  async prepare() {},
  requests: () => [{ path: '/api/v1/me' }],
  baseline: {
    label: 'baseline: bare Fastify, one indexed select',
    requests: () => [{ path: '/baseline/user?email=bob%40acme.example' }],
  },
};
