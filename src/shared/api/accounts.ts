import { z } from 'zod';
import { ORG_ROLES, PLANS } from '../enums.ts';

export const OrgSummary = z
  .object({ slug: z.string(), name: z.string(), role: z.enum(ORG_ROLES) })
  .meta({ id: 'Org' });

export const OrgAdmin = z
  .object({ id: z.string(), name: z.string(), email: z.string(), role: z.enum(ORG_ROLES) })
  .meta({ id: 'OrgAdmin' });

export const IssueArea = z
  .object({
    key: z.string(),
    name: z.string(),
    description: z.string(),
    parent: z.string().nullable(),
    common: z.boolean(),
    selectable: z.boolean(),
  })
  .meta({ id: 'IssueArea' });

export const AccountAdmin = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    active: z.boolean(),
    orgs: z.array(z.object({ slug: z.string(), role: z.enum(ORG_ROLES) })),
    superAdmin: z.boolean(),
    caseAdmin: z.boolean(),
    elevatedSupportContact: z.boolean(),
  })
  .meta({ id: 'AccountAdmin' });

export const AccountPermissions = z
  .object({
    account: z.object({ id: z.string(), name: z.string(), plan: z.enum(PLANS) }),
    escSeats: z.object({ used: z.number().int(), cap: z.number().int() }),
    admins: z.array(AccountAdmin),
  })
  .meta({ id: 'AccountPermissions' });

export const UserIdParams = z.object({ userId: z.string().min(1) });

/** What a permission change in the account's audit log records (SPEC §1: every permission change is audit-logged). */
export const PERMISSION_AUDIT_ACTIONS = [
  'case_admin_granted',
  'case_admin_revoked',
  'esc_assigned',
  'esc_removed',
] as const;
export type PermissionAuditAction = (typeof PERMISSION_AUDIT_ACTIONS)[number];

export const AuditLogQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

const AuditPerson = z.object({ id: z.string(), name: z.string(), email: z.string() });

export const AuditEntry = z
  .object({
    id: z.string(),
    action: z.enum(PERMISSION_AUDIT_ACTIONS),
    actor: AuditPerson.nullable(),
    target: AuditPerson.nullable(),
    /** e.g. {"from": false, "to": true}; `cause` when one change brought another (ESC removed with Case Admin) */
    detail: z.object({ from: z.boolean(), to: z.boolean(), cause: z.string().optional() }),
    createdAt: z.string(),
  })
  .meta({ id: 'AuditEntry' });

export const AuditLog = z
  .object({
    items: z.array(AuditEntry),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'AuditLog' });
