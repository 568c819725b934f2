import { zodResolver } from '@hookform/resolvers/zod';
import { NewCase } from '../../../shared/api/cases.ts';
import { toE164 } from '../../../shared/contact.ts';

/** The P1 rule of SPEC §2, checked in the browser too (the server says the same words). */
export const P1_CONFIRMATION_MESSAGE =
  'A P1 case needs you to confirm that you stay reachable around the clock until the issue is mitigated';

/**
 * The shared NewCase schema plus the P1 confirmation, which the server checks after parsing. It is
 * checked even while other fields are still wrong (`when`), so that every message shows at once.
 */
export const CaseFormSchema = NewCase.refine(
  (v) =>
    (v as { priority?: unknown }).priority !== 'P1' || (v as { p1Confirmed?: unknown }).p1Confirmed === true,
  {
    path: ['p1Confirmed'],
    message: P1_CONFIRMATION_MESSAGE,
    when: (payload) => typeof payload.value === 'object' && payload.value !== null,
  },
);

export const caseResolver = zodResolver(CaseFormSchema);

export { toE164 };
