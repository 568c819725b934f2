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
