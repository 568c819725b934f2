import { Notification, Stack } from '@mantine/core';
import { type ReactNode, useSyncExternalStore } from 'react';

/**
 * Confirmations after an action ("Case 00010042 opened"). A small store and Mantine's core Notification,
 * announced politely to screen readers; lighter than @mantine/notifications in the first page load.
 */
export interface ToastInput {
  title?: ReactNode;
  message: ReactNode;
  color?: string;
  /** milliseconds; false keeps it until closed */
  autoClose?: number | false;
  withCloseButton?: boolean;
}

interface Toast extends ToastInput {
  id: number;
}

let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => {
  for (const l of listeners) l();
};

export function dismiss(id: number): void {
  toasts = toasts.filter((t) => t.id !== id);
  emit();
}

export function notify(input: ToastInput): number {
  const id = nextId++;
  toasts = [...toasts.slice(-3), { ...input, id }];
  emit();
  const wait = input.autoClose ?? 6000;
  if (wait !== false) setTimeout(() => dismiss(id), wait);
  return id;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function Toasts() {
  const list = useSyncExternalStore(
    subscribe,
    () => toasts,
    () => toasts,
  );
  return (
    <section
      aria-label="Notifications"
      aria-live="polite"
      style={{ position: 'fixed', top: 70, right: 16, zIndex: 400, width: 'min(380px, calc(100vw - 32px))' }}
    >
      <Stack gap="xs">
        {list.map((t) => (
          <Notification
            key={t.id}
            title={t.title}
            color={t.color ?? 'indigo'}
            withCloseButton={t.withCloseButton ?? true}
            closeButtonProps={{ 'aria-label': 'Dismiss' }}
            onClose={() => dismiss(t.id)}
            withBorder
          >
            {t.message}
          </Notification>
        ))}
      </Stack>
    </section>
  );
}
