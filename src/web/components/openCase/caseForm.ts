import type { Resolver } from 'react-hook-form';
import type { z } from 'zod';
import type { NewCase } from '../../../shared/api/cases.ts';

/** What the form holds while the user types (the schema's input). */
export type CaseFormValues = z.input<typeof NewCase>;
/** What is sent: trimmed, lower-cased emails, the phone number in E.164. */
export type CaseFormParsed = z.output<typeof NewCase>;
export type CaseFieldName = keyof CaseFormValues;

/** The fields in the order they appear on the page: the first invalid one gets the focus. */
export const FIELD_ORDER: readonly CaseFieldName[] = [
  'org',
  'priority',
  'p1Confirmed',
  'subject',
  'description',
  'stepsToReproduce',
  'issueArea',
  'scope',
  'businessImpact',
  'caseEmail',
  'contactPhone',
  'contactTimezone',
  'teamContacts',
];

export function isCaseField(name: string): name is CaseFieldName {
  return (FIELD_ORDER as readonly string[]).includes(name);
}

/** The DOM id of the element that takes the focus for a field (inputs, or the first radio of a group). */
export const fieldId = (name: CaseFieldName) => `case-${name}`;

/**
 * Moves the focus to the first of `names` in page order: the input itself, or for a radio group the
 * checked radio (else the first one).
 */
export function focusFirstField(names: readonly string[]): void {
  const first = FIELD_ORDER.find((f) => names.includes(f));
  if (!first) return;
  const el = document.getElementById(fieldId(first));
  if (!el) return;
  const target =
    el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLButtonElement
      ? el
      : (el.querySelector<HTMLElement>('input:checked') ?? el.querySelector<HTMLElement>('input, button'));
  target?.focus();
  target?.scrollIntoView({ block: 'center' });
}

type CaseResolver = Resolver<CaseFormValues, unknown, CaseFormParsed>;
let loaded: Promise<typeof import('./caseSchema.ts')> | undefined;

/**
 * The zod schema (NewCase) and the phone number library, loaded just after the form renders rather
 * than before: they would double the form's first download (issue 3's initial-JS budget).
 */
export function loadCaseSchema(): Promise<typeof import('./caseSchema.ts')> {
  loaded ??= import('./caseSchema.ts');
  return loaded;
}

/** A react-hook-form resolver that validates with the shared schema once it has arrived. */
export const lazyCaseResolver: CaseResolver = async (values, context, options) =>
  (await loadCaseSchema()).caseResolver(values, context, options);

/** The browser's time zone (SPEC §2 default), or UTC when the browser does not say. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}
