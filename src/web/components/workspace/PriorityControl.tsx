import { Alert, Button, Group, Modal, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { PRIORITIES, PRIORITY_DEFINITIONS, type Priority } from '../../../shared/enums.ts';
import type { CaseView } from '../../api/cases.ts';
import { ApiRequestError } from '../../api/client.ts';
import { PriorityBadge } from '../CaseBadges.tsx';
import { CLOSE_LABEL, errorMessage, notifySuccess } from '../casePage/caseActions.ts';
import { useCaseCommand } from './workspaceApi.ts';

function PriorityForm({ c, onDone }: { c: CaseView; onDone: () => void }) {
  const command = useCaseCommand(c.number);
  const [priority, setPriority] = useState<Priority>(c.priority);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ priority?: string; reason?: string; form?: string }>({});
  async function submit() {
    const next: typeof errors = {};
    if (priority === c.priority) next.priority = 'Choose a different priority';
    if (!reason.trim()) next.reason = 'Give the reason: the customer reads it';
    setErrors(next);
    if (next.priority || next.reason) return;
    try {
      await command.mutateAsync({ path: 'priority', body: { priority, reason: reason.trim() } });
    } catch (e) {
      if (e instanceof ApiRequestError && (e.fields.reason || e.fields.priority)) {
        setErrors({ reason: e.fields.reason, priority: e.fields.priority });
      } else setErrors({ form: errorMessage(e) });
      return;
    }
    notifySuccess(`Priority changed to ${PRIORITY_DEFINITIONS[priority].label}; the customer is told why.`);
    onDone();
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
        {errors.form && (
          <Alert color="red" role="alert" title="The priority did not change">
            {errors.form}
          </Alert>
        )}
        <Radio.Group
          label="New priority"
          value={priority}
          onChange={(v) => setPriority(v as Priority)}
          error={errors.priority}
          required
        >
          <Stack gap={6} mt={6}>
            {PRIORITIES.map((p) => (
              <Radio
                key={p}
                value={p}
                label={`${PRIORITY_DEFINITIONS[p].label}${p === c.priority ? ' (current)' : ''}`}
                description={PRIORITY_DEFINITIONS[p].definition}
              />
            ))}
          </Stack>
        </Radio.Group>
        <Textarea
          label="Reason"
          description="Required. The customer sees this reason on the case page and in the email."
          required
          autosize
          minRows={3}
          maxLength={2000}
          value={reason}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            if (errors.reason) setErrors({ ...errors, reason: undefined });
          }}
          error={errors.reason}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={command.isPending}>
            Change priority
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The priority and "Change priority…": a dialog with the new priority and a required reason. */
export function PriorityControl({ c }: { c: CaseView }) {
  const [open, setOpen] = useState(false);
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        Priority
      </Text>
      <Group gap="xs" justify="space-between">
        <PriorityBadge priority={c.priority} />
        <Button variant="default" size="compact-sm" onClick={() => setOpen(true)}>
          Change priority…
        </Button>
      </Group>
      <Modal
        closeButtonProps={CLOSE_LABEL}
        opened={open}
        onClose={() => setOpen(false)}
        title={`Change the priority of case ${c.number}`}
        size="lg"
      >
        {open && <PriorityForm c={c} onDone={() => setOpen(false)} />}
      </Modal>
    </Stack>
  );
}
