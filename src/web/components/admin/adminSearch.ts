import { oneOf, type Raw } from '../../searchParams.ts';

/** The tabs of the administration page, in order; `?tab=` picks one (deep links, reloads). */
export const ADMIN_TABS = ['accounts', 'issue-areas', 'queues', 'sla', 'canned', 'staff'] as const;
export type AdminTab = (typeof ADMIN_TABS)[number];

export interface AdminSearch {
  tab: AdminTab;
}

export function readAdminSearch(raw: Raw): AdminSearch {
  return { tab: oneOf(raw, 'tab', ADMIN_TABS, 'accounts') };
}
