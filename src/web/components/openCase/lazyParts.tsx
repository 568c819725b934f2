import { Loader } from '@mantine/core';
import { lazy, type ReactNode, Suspense } from 'react';

/*
 * The parts of the form below its first screen (contact widgets, team typeahead, files) and the
 * solutions panel come in their own chunks. Their downloads start as soon as the page's module runs,
 * in parallel with its first render, so they are there by the time anyone scrolls to them; the
 * first download of the route stays small (issue 3's initial-JS budget).
 */
const contact = import('./ContactFields.tsx');
const team = import('./TeamContactsInput.tsx');
const files = import('./AttachmentList.tsx');
const solutions = import('./SolutionsPanel.tsx');

export const ContactPhoneField = lazy(() => contact.then((m) => ({ default: m.ContactPhoneField })));
export const TimeZoneSelect = lazy(() => contact.then((m) => ({ default: m.TimeZoneSelect })));
export const TeamContactsInput = lazy(() => team.then((m) => ({ default: m.TeamContactsInput })));
export const AttachmentList = lazy(() => files.then((m) => ({ default: m.AttachmentList })));
export const UploadProgress = lazy(() => files.then((m) => ({ default: m.UploadProgress })));
export const SolutionsPanel = lazy(() => solutions.then((m) => ({ default: m.SolutionsPanel })));

/** While a part is still arriving: its name and a spinner, in about the space it will take. */
export function Part({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Suspense fallback={<Loader size="sm" role="status" aria-label={`Loading ${label}`} my="md" />}>
      {children}
    </Suspense>
  );
}
