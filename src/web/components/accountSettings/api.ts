import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AuditLog } from '../../../shared/api/accounts.ts';
import type { AccountPermissionsView } from '../../api/cases.ts';
import { api } from '../../api/client.ts';

export type AuditLogView = z.infer<typeof AuditLog>;
export type AuditEntryView = AuditLogView['items'][number];
export type AccountAdminView = AccountPermissionsView['admins'][number];

/** Entries per page of "Recent permission changes". */
export const AUDIT_PAGE_SIZE = 10;

export const auditLogKey = ['account', 'audit-log'] as const;

export const auditLogQuery = (page: number) =>
  queryOptions({
    queryKey: [...auditLogKey, page],
    queryFn: () => api<AuditLogView>('GET', `/account/audit-log?page=${page}&pageSize=${AUDIT_PAGE_SIZE}`),
  });

export type Permission = 'case-admin' | 'esc';

export interface PermissionChange {
  admin: AccountAdminView;
  permission: Permission;
  /** true grants or assigns, false revokes or removes */
  on: boolean;
}

/** PUT grants, DELETE revokes; the server answers the account's permissions as they now are. */
export function changePermission({
  admin,
  permission,
  on,
}: PermissionChange): Promise<AccountPermissionsView> {
  return api<AccountPermissionsView>(
    on ? 'PUT' : 'DELETE',
    `/account/admins/${encodeURIComponent(admin.id)}/${permission}`,
  );
}

/** What the confirmation notification says after a change. */
export function changeMessage({ admin, permission, on }: PermissionChange): string {
  if (permission === 'case-admin') {
    if (on) return `${admin.name} now holds Case Admin.`;
    return admin.elevatedSupportContact
      ? `Case Admin revoked from ${admin.name}, and with it the Elevated Support Contact seat.`
      : `Case Admin revoked from ${admin.name}.`;
  }
  return on
    ? `${admin.name} is now an Elevated Support Contact.`
    : `${admin.name} is no longer an Elevated Support Contact.`;
}

/** "All 20 seats of the gold plan are taken" (or "The one seat …" for a plan with a single seat). */
export function seatsTaken(cap: number, plan: string): string {
  return cap === 1
    ? `The one seat of the ${plan} plan is taken`
    : `All ${cap} seats of the ${plan} plan are taken`;
}
