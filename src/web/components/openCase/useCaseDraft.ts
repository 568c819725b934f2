import { useCallback, useEffect, useMemo, useRef } from 'react';
import { PRIORITIES, SCOPES } from '../../../shared/enums.ts';
import type { CaseFormValues } from './caseForm.ts';

/** An unsent case kept in this browser: what was typed, and the names of files that cannot be kept. */
export interface CaseDraft {
  values: Partial<CaseFormValues>;
  fileNames: string[];
  savedAt: string;
}

const SAVE_DELAY_MS = 300;
const STORAGE_PREFIX = 'casebook:case-draft:';
const storageKey = (userId: string) => `${STORAGE_PREFIX}${userId}`;

const TEXT_FIELDS = [
  'subject',
  'description',
  'stepsToReproduce',
  'org',
  'issueArea',
  'businessImpact',
  'caseEmail',
  'contactPhone',
  'contactTimezone',
] as const;

/** Whether the user typed or chose anything worth restoring (prefilled email and time zone are not). */
export function hasContent(values: Partial<CaseFormValues>): boolean {
  return Boolean(
    values.priority ||
      values.scope ||
      values.issueArea ||
      values.subject?.trim() ||
      values.description?.trim() ||
      values.stepsToReproduce?.trim() ||
      values.businessImpact?.trim() ||
      (values.contactPhone && values.contactPhone.replace(/\D/g, '').length > 4) ||
      (values.teamContacts && values.teamContacts.length > 0),
  );
}

/** Reads a stored draft, keeping only well-formed fields: storage is input like any other. */
function parseDraft(raw: string | null): CaseDraft | null {
  if (!raw) return null;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!data || typeof data !== 'object') return null;
  const d = data as Record<string, unknown>;
  const v = (d.values && typeof d.values === 'object' ? d.values : {}) as Record<string, unknown>;
  const values: Partial<CaseFormValues> = {};
  for (const key of TEXT_FIELDS) {
    const x = v[key];
    if (typeof x === 'string') values[key] = x;
  }
  if ((PRIORITIES as readonly unknown[]).includes(v.priority)) {
    values.priority = v.priority as CaseFormValues['priority'];
  }
  if ((SCOPES as readonly unknown[]).includes(v.scope)) values.scope = v.scope as CaseFormValues['scope'];
  if (typeof v.p1Confirmed === 'boolean') values.p1Confirmed = v.p1Confirmed;
  if (Array.isArray(v.teamContacts)) {
    values.teamContacts = v.teamContacts.filter((x): x is string => typeof x === 'string').slice(0, 20);
  }
  const fileNames = Array.isArray(d.fileNames)
    ? d.fileNames.filter((x): x is string => typeof x === 'string')
    : [];
  const savedAt = typeof d.savedAt === 'string' ? d.savedAt : new Date().toISOString();
  if (!hasContent(values) && fileNames.length === 0) return null;
  return { values, fileNames, savedAt };
}

function readStored(userId: string): CaseDraft | null {
  try {
    return parseDraft(localStorage.getItem(storageKey(userId)));
  } catch {
    return null; // storage disabled (private mode, policy)
  }
}

function writeStored(userId: string, draft: CaseDraft | null): void {
  try {
    if (draft) localStorage.setItem(storageKey(userId), JSON.stringify(draft));
    else localStorage.removeItem(storageKey(userId));
  } catch {
    /* quota or disabled storage: the form still works, only the draft is not kept */
  }
}

/**
 * Keeps the case being written in local storage, per user: saved shortly after every change and
 * at once when the page is hidden or left, restored on the next visit (also after a sign-in that an
 * expired session forced), removed when the case is opened. File objects cannot be stored; their
 * names are kept so that the user can be told to add them again.
 */
export function useCaseDraft(userId: string) {
  const restored = useMemo(() => readStored(userId), [userId]);
  const pending = useRef<CaseDraft | null | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const stopped = useRef(false);

  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = undefined;
    if (pending.current !== undefined && !stopped.current) writeStored(userId, pending.current);
    pending.current = undefined;
  }, [userId]);

  /** Schedules a save; `immediate` writes now (before a submit, which may end in a sign-in). */
  const save = useCallback(
    (values: Partial<CaseFormValues>, fileNames: string[], immediate = false) => {
      if (stopped.current) return;
      pending.current =
        hasContent(values) || fileNames.length > 0
          ? { values, fileNames, savedAt: new Date().toISOString() }
          : null;
      if (immediate) flush();
      else {
        if (timer.current) clearTimeout(timer.current);
        timer.current = setTimeout(flush, SAVE_DELAY_MS);
      }
    },
    [flush],
  );

  /** Forgets the draft for good: after the case is opened, or when the user discards it. */
  const clear = useCallback(
    (opts: { stop?: boolean } = {}) => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = undefined;
      pending.current = undefined;
      if (opts.stop) stopped.current = true;
      writeStored(userId, null);
    },
    [userId],
  );

  useEffect(() => {
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [flush]);

  return { restored, save, flush, clear };
}
