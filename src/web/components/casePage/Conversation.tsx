import { Alert, Badge, Button, Card, Group, Paper, Stack, Tabs, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { COMMENT_MAX } from '../../../shared/enums.ts';
import { type CaseView, type CommentView, commentsQuery } from '../../api/cases.ts';
import { api } from '../../api/client.ts';
import { formatDateTime } from '../format.ts';
import { AnchorLink } from '../links.tsx';
import { errorMessage, notifySuccess, useRefreshCase } from './caseActions.ts';
import { Markdown } from './Markdown.tsx';

const KIND: Record<CommentView['authorKind'], { label: string; color: string; background: string }> = {
  customer: { label: 'Customer', color: 'gray', background: 'var(--mantine-color-body)' },
  support: { label: 'Support', color: 'indigo', background: 'var(--mantine-color-indigo-light)' },
  system: { label: 'System', color: 'gray', background: 'var(--mantine-color-default-hover)' },
};

/** An internal note, which only staff ever receive: yellow, and labelled as such in words. */
const INTERNAL = {
  label: 'Internal note',
  color: 'yellow',
  // a pale yellow in light, a dark amber in dark: dimmed text stays above 4.5:1 on both
  background: 'light-dark(var(--mantine-color-yellow-0), #3d3000)',
};

function CommentItem({ comment }: { comment: CommentView }) {
  const kind = comment.internal ? INTERNAL : KIND[comment.authorKind];
  const author = comment.author?.name ?? (comment.authorKind === 'support' ? 'Support' : 'Casebook');
  return (
    <Paper
      component="article"
      withBorder
      p="sm"
      aria-label={`${kind.label} comment by ${author}, ${formatDateTime(comment.createdAt)}`}
      style={{
        background: kind.background,
        borderLeft: `4px solid var(--mantine-color-${kind.color === 'gray' ? 'gray-5' : `${kind.color}-6`})`,
      }}
      data-author-kind={comment.authorKind}
      data-internal={comment.internal ? 'true' : undefined}
    >
      <Group gap="xs" mb={6} wrap="wrap">
        <Text fw={600} size="sm">
          {author}
        </Text>
        <Badge
          size="sm"
          variant="outline"
          color={comment.authorKind === 'support' ? 'indigo' : 'gray'}
          style={{ color: 'var(--mantine-color-text)' }}
        >
          {kind.label}
        </Badge>
        {comment.internal && (
          <Text size="xs" fw={700}>
            Internal — not visible to the customer
          </Text>
        )}
        <Text size="xs" c="dimmed">
          <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt)}</time>
          {comment.via === 'email' ? ' · by email' : comment.via === 'api' ? ' · through the API' : ''}
        </Text>
      </Group>
      <Markdown>{comment.body}</Markdown>
    </Paper>
  );
}

/**
 * The conversation, oldest first: customer comments and support replies (internal notes only for staff,
 * who also get their own composer in place of the comment box).
 */
export function Conversation({ c, composer }: { c: CaseView; composer?: React.ReactNode }) {
  const comments = useQuery(commentsQuery(c.number));
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="conversation-title">
      <Stack gap="md">
        <Title order={2} size="h4" id="conversation-title">
          Conversation
        </Title>
        {comments.isPending && <Text c="dimmed">Loading the conversation…</Text>}
        {comments.isError && (
          <Alert color="red" role="alert" title="The conversation could not be loaded">
            {errorMessage(comments.error)}
          </Alert>
        )}
        {comments.data && comments.data.items.length === 0 && (
          <Text size="sm" c="dimmed">
            No comments yet. Support replies appear here and are also sent to {c.caseEmail}.
          </Text>
        )}
        {comments.data && comments.data.items.length > 0 && (
          <Stack gap="sm">
            {comments.data.items.map((comment) => (
              <CommentItem key={comment.id} comment={comment} />
            ))}
          </Stack>
        )}
        {composer ??
          (c.status === 'closed' ? <ClosedNote number={c.number} /> : <CommentBox number={c.number} />)}
      </Stack>
    </Card>
  );
}

function ClosedNote({ number }: { number: string }) {
  return (
    <Alert color="gray" role="note" title="Comments are closed">
      This case is closed and takes no more comments. If the problem is back or you have a new question,{' '}
      <AnchorLink to="/cases/new" search={{}} inherit>
        Open a new case
      </AnchorLink>{' '}
      and mention case {number} in it.
    </Alert>
  );
}

const draftKey = (number: string) => `casebook:comment-draft:${number}`;

function readDraft(number: string): string {
  try {
    return localStorage.getItem(draftKey(number)) ?? '';
  } catch {
    return '';
  }
}

/**
 * The typed comment, kept in local storage per case until it is posted: it survives a reload, a
 * failed post and an expired session.
 */
function useCommentDraft(number: string): [string, (v: string) => void, () => void] {
  const [draft, setDraft] = useState(() => readDraft(number));
  useEffect(() => {
    setDraft(readDraft(number));
  }, [number]);
  const update = (v: string) => {
    setDraft(v);
    try {
      if (v) localStorage.setItem(draftKey(number), v);
      else localStorage.removeItem(draftKey(number));
    } catch {
      /* storage full or disabled: the draft lives only in the page */
    }
  };
  return [draft, update, () => update('')];
}

function CommentBox({ number }: { number: string }) {
  const refresh = useRefreshCase(number);
  const [draft, setDraft, clearDraft] = useCommentDraft(number);
  const [tab, setTab] = useState<string | null>('write');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const post = useMutation({
    mutationFn: (body: string) => api<CommentView>('POST', `/cases/${number}/comments`, { body }),
  });

  async function submit() {
    setFieldError(null);
    setFormError(null);
    const body = draft.trim();
    if (!body) {
      setTab('write');
      setFieldError('Write a comment first');
      return;
    }
    if (body.length > COMMENT_MAX) {
      setFieldError(`A comment may be at most ${COMMENT_MAX.toLocaleString('en-US')} characters`);
      return;
    }
    try {
      await post.mutateAsync(body);
    } catch (e) {
      setFormError(`${errorMessage(e)} Your comment is kept here; try again.`);
      return;
    }
    clearDraft();
    setTab('write');
    notifySuccess('Comment added.');
    await refresh();
  }

  return (
    <form
      aria-label="Add a comment"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack gap="xs">
        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="write">Write</Tabs.Tab>
            <Tabs.Tab value="preview">Preview</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="write" pt="xs">
            <Textarea
              label="Your comment"
              description="Markdown works: **bold**, _italic_, `code`, lists and links. Your draft is kept on this device until you post it."
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
          </Tabs.Panel>
          <Tabs.Panel value="preview" pt="xs">
            <Paper withBorder p="sm" mih={100} role="region" aria-label="Preview of your comment">
              {draft.trim() ? (
                <Markdown>{draft}</Markdown>
              ) : (
                <Text size="sm" c="dimmed">
                  Nothing to preview yet.
                </Text>
              )}
            </Paper>
          </Tabs.Panel>
        </Tabs>
        {formError && (
          <Alert color="red" role="alert" title="The comment was not posted">
            {formError}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={post.isPending}>
            Add comment
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
