import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { caseKeys } from '../../api/cases.ts';
import { ApiRequestError } from '../../api/client.ts';
import { notify } from '../toasts.tsx';

/**
 * Refreshes everything shown about one case after an action: its detail, comments, attachments and
 * history (all keyed under caseKeys.detail), and the case lists (status and "updated" change).
 */
export function useRefreshCase(number: string): () => Promise<void> {
  const queryClient = useQueryClient();
  return useCallback(async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: caseKeys.detail(number) }),
      queryClient.invalidateQueries({ queryKey: [...caseKeys.all, 'list'] }),
    ]);
  }, [queryClient, number]);
}

/** The message to show for a failed request. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiRequestError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong. Try again.';
}

/**
 * Puts the server's field errors next to their fields; answers the message for what no field
 * shows (null when every problem has its field), for a form-level alert.
 */
export function applyServerErrors<T extends FieldValues>(
  error: unknown,
  fields: readonly Path<T>[],
  setError: UseFormSetError<T>,
): string | null {
  if (!(error instanceof ApiRequestError)) return errorMessage(error);
  let unplaced = false;
  for (const [field, message] of Object.entries(error.fields)) {
    const known = fields.find((f) => f === field);
    if (known) setError(known, { type: 'server', message });
    else unplaced = true;
  }
  const placed = Object.keys(error.fields).length > 0 && !unplaced;
  return placed ? null : error.message;
}

/** Mantine's modal close button has no accessible name of its own. */
export const CLOSE_LABEL = { 'aria-label': 'Close' } as const;

/** A short success message; its close button gets a name (Mantine's has none by default). */
export function notifySuccess(message: string): void {
  notify({ color: 'teal', message });
}
