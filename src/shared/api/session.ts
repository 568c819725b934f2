import { z } from 'zod';
import { ORG_ROLES, PLANS, STAFF_ROLES } from '../enums.ts';

export const SignIn = z
  .object({
    email: z.email('Enter your email address').toLowerCase(),
    password: z.string().min(1, 'Enter your password').max(1024),
  })
  .meta({ id: 'SignIn' });

export const Me = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    kind: z.enum(['customer', 'staff']),
    staffRole: z.enum(STAFF_ROLES).nullable(),
    account: z.object({ id: z.string(), name: z.string(), plan: z.enum(PLANS) }).nullable(),
    orgs: z.array(z.object({ slug: z.string(), name: z.string(), role: z.enum(ORG_ROLES) })),
    caseAdmin: z.boolean(),
    elevatedSupportContact: z.boolean(),
    superAdmin: z.boolean(),
    /** Why the case pages are closed to this user, when they are. */
    caseAccess: z.object({ allowed: z.boolean(), reason: z.string().nullable() }),
    csrfToken: z.string(),
  })
  .meta({ id: 'Me' });
