import { Alert, Box, Button, Group, Paper, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { COMMENT_MAX } from '../../../shared/enums.ts';
import type { CaseView, CommentView } from '../../api/cases.ts';
import { api } from '../../api/client.ts';
import { errorMessage, notifySuccess, useRefreshCase } from '../casePage/caseActions.ts';
import { CannedResponsePicker } from './CannedResponsePicker.tsx';

export type ReplyMode = 'public' | 'internal';

const MODES: Record<
  ReplyMode,
  { label: string; field: string; description: string; button: string; done: string; color: string }
> = {
  public: {
    label: 'Public reply',
    field: 'Public reply to the customer',
    description:
      'Visible to the customer on the case page and sent by email to the case email and the case team.',
    button: 'Send public reply',
    done: 'Public reply sent to the customer.',
    color: 'indigo',
  },
  internal: {
    label: 'Internal note',
    field: 'Internal note (staff only)',
    description: 'Internal — not visible to the customer. Seen by support staff only; never emailed.',
    button: 'Add internal note',
    done: 'Internal note added (not visible to the customer).',
    color: 'yellow',
  },
};

const draftKey = (number: string, mode: ReplyMode) => `casebook:staff-draft:${number}:${mode}`;

function readDraft(number: string, mode: ReplyMode): string {
  try {
    return localStorage.getItem(draftKey(number, mode)) ?? '';
  } catch {
    return '';
  }
}

function writeDraft(number: string, mode: ReplyMode, value: string) {
  try {
    if (value) localStorage.setItem(draftKey(number, mode), value);
    else localStorage.removeItem(draftKey(number, mode));
  } catch {
    /* storage full or disabled: the draft lives only in the page */
  }
}

/**
 * The staff composer: two clearly distinct modes, "Public reply" (goes to the customer, by mail too) and
 * "Internal note" (staff only, yellow, labelled as such). Each mode keeps its own draft per case on this
 * device, so switching modes never moves text from a note into a reply. Ctrl/⌘+Enter sends.
 */
export function ReplyComposer({ c, queue }: { c: CaseView; queue: string | null }) {
  const refresh = useRefreshCase(c.number);
  const [mode, setMode] = useState<ReplyMode>('public');
  const [draft, setDraftState] = useState(() => readDraft(c.number, 'public'));
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const m = MODES[mode];

  useEffect(() => {
    setDraftState(readDraft(c.number, mode));
  }, [c.number, mode]);

  const setDraft = (v: string) => {
    setDraftState(v);
    writeDraft(c.number, mode, v);
  };

  const post = useMutation({
    mutationFn: (input: { body: string; internal: boolean }) =>
      api<CommentView>('POST', `/cases/${c.number}/comments`, input),
  });

  /** Inserts a canned response at the cursor (or at the end), then puts the cursor after it. */
  function insert(text: string) {
    const el = textarea.current;
    const start = el?.selectionStart ?? draft.length;
    const end = el?.selectionEnd ?? draft.length;
    const before = draft.slice(0, start);
    const after = draft.slice(end);
    const glueBefore = before && !before.endsWith('\n') ? '\n\n' : '';
    const next = `${before}${glueBefore}${text}${after}`;
    setDraft(next);
    if (fieldError) setFieldError(null);
    requestAnimationFrame(() => {
      const pos = before.length + glueBefore.length + text.length;
      el?.focus();
      el?.setSelectionRange(pos, pos);
    });
  }

  async function submit() {
    setFieldError(null);
    setFormError(null);
    const body = draft.trim();
    if (!body) {
      setFieldError(mode === 'public' ? 'Write the reply first' : 'Write the note first');
      textarea.current?.focus();
      return;
    }
    if (body.length > COMMENT_MAX) {
      setFieldError(`At most ${COMMENT_MAX.toLocaleString('en-US')} characters`);
      return;
    }
    try {
      await post.mutateAsync({ body, internal: mode === 'internal' });
    } catch (e) {
      setFormError(`${errorMessage(e)} Your text is kept here; try again.`);
      return;
    }
    setDraft('');
    notifySuccess(m.done);
    await refresh();
  }

  const internal = mode === 'internal';
  return (
    <Paper
      component="form"
      aria-label="Reply or add an internal note"
      data-reply-mode={mode}
      withBorder
      p="sm"
      onSubmit={(e: React.FormEvent) => {
        e.preventDefault();
        void submit();
      }}
      style={{
        background: internal ? 'light-dark(var(--mantine-color-yellow-0), #3d3000)' : undefined,
        borderLeft: `4px solid var(--mantine-color-${internal ? 'yellow-6' : 'indigo-6'})`,
      }}
    >
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <SegmentedControl
            aria-label="Reply mode"
            value={mode}
            onChange={(v) => {
              setFieldError(null);
              setFormError(null);
              setMode(v === 'internal' ? 'internal' : 'public');
            }}
            data={[
              { value: 'public', label: MODES.public.label },
              { value: 'internal', label: MODES.internal.label },
            ]}
            color={internal ? 'yellow.3' : 'indigo'}
            autoContrast
          />
          <CannedResponsePicker queue={queue} onInsert={insert} />
        </Group>
        <Box
          role="note"
          px="xs"
          py={4}
          style={{
            borderRadius: 4,
            fontWeight: 600,
            fontSize: 'var(--mantine-font-size-sm)',
            background: internal ? 'var(--mantine-color-yellow-2)' : 'var(--mantine-color-indigo-light)',
            color: internal ? 'var(--mantine-color-black)' : 'var(--mantine-color-text)',
          }}
        >
          {internal
            ? 'Internal — not visible to the customer'
            : `Public — the customer sees this, and it is emailed to ${c.caseEmail}${c.team.length > 0 ? ' and the case team' : ''}`}
        </Box>
        <Textarea
          ref={textarea}
          label={m.field}
          description={`${m.description} Markdown works. Ctrl+Enter sends.`}
          autosize
          minRows={4}
          maxRows={16}
          value={draft}
          onChange={(e) => {
            setDraft(e.currentTarget.value);
            if (fieldError) setFieldError(null);
          }}
          error={fieldError}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void submit();
            }
          }}
        />
        {formError && (
          <Alert
            color="red"
            role="alert"
            title={internal ? 'The note was not added' : 'The reply was not sent'}
          >
            {formError}
          </Alert>
        )}
        <Group justify="space-between" wrap="wrap">
          <Text size="xs" c="dimmed">
            Drafts are kept on this device, one per mode.
          </Text>
          <Button
            type="submit"
            loading={post.isPending}
            color={internal ? 'yellow.3' : undefined}
            autoContrast
          >
            {m.button}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
