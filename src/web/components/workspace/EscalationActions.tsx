import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { LONG_TEXT_MAX } from '../../../shared/enums.ts';
import { ApiRequestError } from '../../api/client.ts';
import { CLOSE_LABEL, errorMessage, notifySuccess } from '../casePage/caseActions.ts';
import { useCaseCommand } from './workspaceApi.ts';

type Step = 'acknowledge' | 'resolve';

const TEXT: Record<
  Step,
  { title: string; button: string; label: string; description: string; done: string }
> = {
  acknowledge: {
    title: 'Acknowledge the escalation',
    button: 'Acknowledge',
    label: 'Note to the customer',
    description:
      'The customer sees this note on the case page and by email: who is on it and what happens next.',
    done: 'Escalation acknowledged; the customer is told.',
  },
  resolve: {
    title: 'Resolve the escalation',
    button: 'Resolve',
    label: 'Resolution note to the customer',
    description: 'The customer sees this note on the case page and by email: what was done.',
    done: 'Escalation resolved; the customer is told.',
  },
};

/** The note dialog of acknowledge or resolve; the note is required and the customer sees it. */
function NoteDialog({ number, step, onClose }: { number: string; step: Step; onClose: () => void }) {
  const command = useCaseCommand(number);
  const [note, setNote] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const t = TEXT[step];
  async function submit() {
    setFieldError(null);
    setFormError(null);
    const value = note.trim();
    if (!value) {
      setFieldError('Write the note the customer will read');
      return;
    }
    try {
      await command.mutateAsync({ path: `escalation/${step}`, body: { note: value } });
    } catch (e) {
      if (e instanceof ApiRequestError && e.fields.note) setFieldError(e.fields.note);
      else setFormError(errorMessage(e));
      return;
    }
    notifySuccess(t.done);
    onClose();
  }
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack gap="md">
        {formError && (
          <Alert color="red" role="alert" title="Nothing changed">
            {formError}
          </Alert>
        )}
        <Textarea
          label={t.label}
          description={t.description}
          required
          autosize
          minRows={4}
          maxLength={LONG_TEXT_MAX}
          value={note}
          onChange={(e) => {
            setNote(e.currentTarget.value);
            if (fieldError) setFieldError(null);
          }}
          error={fieldError}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={command.isPending}>
            {t.button}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * Acknowledge (when requested) and Resolve (when requested or acknowledged), each with a note the
 * customer sees. For managers and administrators; the server refuses anyone else.
 */
export function EscalationActions({
  number,
  state,
  size = 'sm',
}: {
  number: string;
  state: 'requested' | 'acknowledged' | 'resolved';
  size?: 'sm' | 'compact-sm';
}) {
  const [step, setStep] = useState<Step | null>(null);
  if (state === 'resolved') return null;
  return (
    <>
      <Group gap="xs">
        {state === 'requested' && (
          <Button
            size={size}
            onClick={() => setStep('acknowledge')}
            aria-label={`Acknowledge the escalation of case ${number}`}
          >
            Acknowledge
          </Button>
        )}
        <Button
          size={size}
          variant="default"
          onClick={() => setStep('resolve')}
          aria-label={`Resolve the escalation of case ${number}`}
        >
          Resolve
        </Button>
      </Group>
      <Modal
        closeButtonProps={CLOSE_LABEL}
        opened={step !== null}
        onClose={() => setStep(null)}
        title={step ? `${TEXT[step].title} of case ${number}` : ''}
        size="lg"
      >
        {step && <NoteDialog number={number} step={step} onClose={() => setStep(null)} />}
      </Modal>
    </>
  );
}

/** Where the escalation controls explain themselves to an engineer (who cannot use them). */
export function EscalationHint() {
  return (
    <Text size="xs" c="dimmed">
      A support manager acknowledges and resolves escalations.
    </Text>
  );
}

/** On the case page: the controls for the case's active escalation, for managers and administrators. */
export function CaseEscalationActions({
  number,
  escalations,
  staffRole,
}: {
  number: string;
  escalations: { state: 'requested' | 'acknowledged' | 'resolved' }[];
  staffRole: string | null;
}) {
  const active = escalations.find((e) => e.state !== 'resolved');
  if (!active) return null;
  if (staffRole !== 'manager' && staffRole !== 'administrator') return <EscalationHint />;
  return <EscalationActions number={number} state={active.state} />;
}
