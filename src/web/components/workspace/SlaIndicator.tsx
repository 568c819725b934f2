import { Badge, Group, Text } from '@mantine/core';
import { useSyncExternalStore } from 'react';
import { formatDateTime } from '../format.ts';
import type { SlaView } from './workspaceApi.ts';

// One clock for every countdown on the page: a single interval, started by the first subscriber.
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;
function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** The current time, re-rendering every second while anything shows it. */
export function useNow(): number {
  return useSyncExternalStore(
    subscribe,
    () => now,
    () => now,
  );
}

/** A duration for people: "2 d 3 h", "1 h 05 min", "12 min 30 s", "40 s". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${two(m)} min`;
  if (m > 0) return `${m} min ${two(sec)} s`;
  return `${sec} s`;
}

export type SlaDisplay = {
  /** the flag, as text (colour is never the only signal) */
  label: 'Met' | 'Paused' | 'Breached' | 'About to breach' | 'On track' | 'No target';
  color: string;
  /** the time part: "1 h 05 min left", "overdue by 3 min", "paused", "met" */
  detail: string;
  /** milliseconds to breach (negative when overdue); null when the clock does not run */
  remaining: number | null;
};

/**
 * How an SLA reads at `at`: a running clock whose due time passed shows as breached at once, before the
 * next refresh from the server says so.
 */
export function slaDisplay(sla: SlaView | null | undefined, at: number): SlaDisplay {
  if (!sla) return { label: 'No target', color: 'gray', detail: '—', remaining: null };
  if (sla.state === 'met')
    return { label: 'Met', color: 'teal', detail: 'first response met', remaining: null };
  const remaining = sla.dueAt ? Date.parse(sla.dueAt) - at : null;
  if (sla.state === 'paused') {
    return {
      label: sla.breached ? 'Breached' : 'Paused',
      color: sla.breached ? 'red' : 'gray',
      detail: 'paused while pending the customer',
      remaining: null,
    };
  }
  if (sla.state === 'breached' || sla.breached || (remaining !== null && remaining <= 0)) {
    return {
      label: 'Breached',
      color: 'red',
      detail: remaining !== null && remaining < 0 ? `overdue by ${formatDuration(-remaining)}` : 'overdue',
      remaining,
    };
  }
  if (sla.aboutToBreach) {
    return {
      label: 'About to breach',
      color: 'orange',
      detail: remaining !== null ? `${formatDuration(remaining)} left` : 'due soon',
      remaining,
    };
  }
  return {
    label: 'On track',
    color: 'blue',
    detail: remaining !== null ? `${formatDuration(remaining)} left` : 'running',
    remaining,
  };
}

const tint = (color: string) => ({
  backgroundColor: `var(--mantine-color-${color}-1)`,
  color: 'var(--mantine-color-dark-9)',
  border: `1px solid var(--mantine-color-${color}-5)`,
});

/** The SLA flag (coloured, with its words) and the live time to breach. */
export function SlaIndicator({
  sla,
  compact = false,
}: {
  sla: SlaView | null | undefined;
  compact?: boolean;
}) {
  const at = useNow();
  const d = slaDisplay(sla, at);
  return (
    <Group gap={compact ? 2 : 6} wrap="wrap" data-sla-label={d.label} maw={compact ? 150 : undefined}>
      <Badge variant="filled" style={{ ...tint(d.color), flexShrink: 0 }}>
        {d.label}
      </Badge>
      {(d.remaining !== null || !compact) && (
        <Text span size="sm" style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
          {d.detail}
        </Text>
      )}
      {!compact && sla?.dueAt && sla.state !== 'met' && (
        <Text span size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          due {formatDateTime(sla.dueAt)}
        </Text>
      )}
    </Group>
  );
}
