import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type CaseView, caseQuery } from '../../api/cases.ts';
import { ApiRequestError } from '../../api/client.ts';
import { CLOSE_LABEL, errorMessage, notifySuccess } from '../casePage/caseActions.ts';
import { AnchorLink } from '../links.tsx';
import { useCaseCommand } from './workspaceApi.ts';

function MergeForm({ c, onDone }: { c: CaseView; onDone: () => void }) {
  const queryClient = useQueryClient();
  const command = useCaseCommand(c.number);
  const [into, setInto] = useState('');
  const [target, setTarget] = useState<CaseView | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);

  /** Step 1: look the target up, so the confirmation names it. */
  async function check() {
    setFieldError(null);
    setFormError(null);
    const n = into.trim();
    if (!/^\d{8}$/.test(n)) {
      setFieldError('A case number has 8 digits');
      return;
    }
    if (n === c.number) {
      setFieldError('A case cannot be merged into itself');
      return;
    }
    setChecking(true);
    try {
      setTarget(await queryClient.fetchQuery(caseQuery(n)));
    } catch (e) {
      setFieldError(
        e instanceof ApiRequestError && e.status === 404 ? `Case ${n} was not found` : errorMessage(e),
      );
    } finally {
      setChecking(false);
    }
  }

  /** Step 2: merge. */
  async function merge() {
    if (!target) return;
    setFormError(null);
    try {
      await command.mutateAsync({ path: 'merge', body: { into: target.number } });
    } catch (e) {
      setFormError(e instanceof ApiRequestError ? (e.fields.into ?? e.message) : errorMessage(e));
      return;
    }
    notifySuccess(`Case ${c.number} merged into case ${target.number}.`);
    onDone();
  }

  if (target) {
    return (
      <Stack gap="md">
        <Text size="sm">
          Merge case <strong>{c.number}</strong> ({c.subject}) into case{' '}
          <AnchorLink to="/cases/$number" params={{ number: target.number }} target="_blank" inherit>
            {target.number}
          </AnchorLink>{' '}
          ({target.subject})?
        </Text>
        <Text size="sm">
          Case {c.number} is closed as a duplicate; its customer gets a public comment pointing to case{' '}
          {target.number}, where the work goes on, and its team joins that case. This cannot be undone.
        </Text>
        {formError && (
          <Alert color="red" role="alert" title="The cases were not merged">
            {formError}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setTarget(null)}>
            Back
          </Button>
          <Button color="red" loading={command.isPending} onClick={() => void merge()}>
            Merge into {target.number}
          </Button>
        </Group>
      </Stack>
    );
  }
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void check();
      }}
    >
      <Stack gap="md">
        <TextInput
          label="Merge into case number"
          description="The case that stays open, of the same customer account"
          required
          inputMode="numeric"
          maxLength={8}
          placeholder="e.g. 00010001"
          value={into}
          onChange={(e) => {
            setInto(e.currentTarget.value);
            if (fieldError) setFieldError(null);
          }}
          error={fieldError}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={checking}>
            Continue
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** "Merge into another case…": the target by number, then a confirmation naming both cases. */
export function MergeControl({ c }: { c: CaseView }) {
  const [open, setOpen] = useState(false);
  if (c.mergedInto) {
    return (
      <Text size="sm">
        Merged into case{' '}
        <AnchorLink to="/cases/$number" params={{ number: c.mergedInto }} inherit>
          {c.mergedInto}
        </AnchorLink>
        .
      </Text>
    );
  }
  if (c.status === 'closed') return null;
  return (
    <>
      <Button variant="default" size="compact-sm" onClick={() => setOpen(true)}>
        Merge into another case…
      </Button>
      <Modal
        closeButtonProps={CLOSE_LABEL}
        opened={open}
        onClose={() => setOpen(false)}
        title={`Merge case ${c.number} into another case`}
        size="lg"
      >
        {open && <MergeForm c={c} onDone={() => setOpen(false)} />}
      </Modal>
    </>
  );
}
