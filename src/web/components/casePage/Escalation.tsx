import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { EscalationRequest } from '../../../shared/api/cases.ts';
import { type EscalationState, OPEN_STATUSES } from '../../../shared/enums.ts';
import type { CaseView } from '../../api/cases.ts';
import { api } from '../../api/client.ts';
import { formatDateTime } from '../format.ts';
import { applyServerErrors, CLOSE_LABEL, notifySuccess, useRefreshCase } from './caseActions.ts';

type EscalationView = CaseView['escalations'][number];

const STATE_TEXT: Record<EscalationState, { title: string; color: string }> = {
  requested: { title: 'Escalation requested', color: 'orange' },
  acknowledged: { title: 'Escalation acknowledged', color: 'blue' },
  resolved: { title: 'Escalation resolved', color: 'teal' },
};

const isActive = (state: EscalationState | null) => state === 'requested' || state === 'acknowledged';

/** Whether the customer may request an escalation now: an open case without an active one. */
export function canRequestEscalation(c: CaseView): boolean {
  return (
    OPEN_STATUSES.includes(c.status) &&
    !isActive(c.escalation) &&
    !c.escalations.some((e) => isActive(e.state))
  );
}

function EscalationCard({ e }: { e: EscalationView }) {
  const text = STATE_TEXT[e.state];
  return (
    <Alert color={text.color} title={text.title} role="status">
      <Stack gap={6}>
        {e.state === 'requested' && (
          <Text size="sm">Support managers have been notified and will review the case.</Text>
        )}
        {e.state === 'acknowledged' && (
          <Text size="sm">
            A support manager acknowledged it on {formatDateTime(e.acknowledgedAt)} and is following the case.
          </Text>
        )}
        {e.acknowledgementNote && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            <strong>Note from support:</strong> {e.acknowledgementNote}
          </Text>
        )}
        {e.state === 'resolved' && (
          <Text size="sm">
            Resolved on {formatDateTime(e.resolvedAt)}
            {e.resolutionNote ? ':' : '.'}
          </Text>
        )}
        {e.state === 'resolved' && e.resolutionNote && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {e.resolutionNote}
          </Text>
        )}
        <Text size="xs">
          Requested {formatDateTime(e.requestedAt)}
          {e.requestedBy ? ` by ${e.requestedBy.name}` : ''}
        </Text>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          <strong>Reason:</strong> {e.reason}
        </Text>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          <strong>Business justification:</strong> {e.justification}
        </Text>
      </Stack>
    </Alert>
  );
}

/** The escalations of the case and their state (requested, acknowledged, resolved), newest first. */
export function EscalationStatus({ c }: { c: CaseView }) {
  if (c.escalations.length === 0) return null;
  const newestFirst = [...c.escalations].sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));
  return (
    <Stack gap="sm">
      {newestFirst.map((e) => (
        <EscalationCard key={e.id} e={e} />
      ))}
    </Stack>
  );
}

type EscalationInput = z.input<typeof EscalationRequest>;
type EscalationOutput = z.output<typeof EscalationRequest>;

/** "Request escalation" and its dialog: a reason and the business justification, both required. */
export function RequestEscalationButton({ c }: { c: CaseView }) {
  const [open, setOpen] = useState(false);
  if (!canRequestEscalation(c)) return null;
  return (
    <>
      <Button variant="default" onClick={() => setOpen(true)}>
        Request escalation
      </Button>
      <Modal
        closeButtonProps={CLOSE_LABEL}
        opened={open}
        onClose={() => setOpen(false)}
        title={`Request an escalation of case ${c.number}`}
        size="lg"
      >
        {open && <EscalationForm c={c} onDone={() => setOpen(false)} />}
      </Modal>
    </>
  );
}

function EscalationForm({ c, onDone }: { c: CaseView; onDone: () => void }) {
  const refresh = useRefreshCase(c.number);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<EscalationInput, unknown, EscalationOutput>({
    resolver: zodResolver(EscalationRequest),
    mode: 'onTouched',
    defaultValues: { reason: '', justification: '' },
  });
  const { errors } = form.formState;
  const send = useMutation({
    mutationFn: (body: EscalationOutput) => api<CaseView>('POST', `/cases/${c.number}/escalation`, body),
  });
  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await send.mutateAsync(values);
    } catch (e) {
      setFormError(applyServerErrors(e, ['reason', 'justification'], form.setError));
      return;
    }
    notifySuccess('Escalation requested: the support managers are notified.');
    onDone();
    await refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <Text size="sm">
          An escalation brings the case to the support managers. Use it when the case is not moving as fast as
          its impact needs; for new information, add a comment instead.
        </Text>
        {formError && (
          <Alert color="red" role="alert" title="The escalation was not requested">
            {formError}
          </Alert>
        )}
        <Textarea
          label="Reason"
          description="What is wrong with how the case is going?"
          required
          autosize
          minRows={3}
          error={errors.reason?.message}
          {...form.register('reason')}
        />
        <Textarea
          label="Business justification"
          description="What it costs your business: who is blocked, deadlines, revenue at risk"
          required
          autosize
          minRows={3}
          error={errors.justification?.message}
          {...form.register('justification')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={form.formState.isSubmitting}>
            Request escalation
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
