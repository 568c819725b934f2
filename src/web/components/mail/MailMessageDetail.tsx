import { Alert, Box, Button, Group, Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { ApiRequestError } from '../../api/client.ts';
import { InfoList } from '../casePage/InfoList.tsx';
import { formatDateTime } from '../format.ts';
import { AnchorLink } from '../links.tsx';
import { DirectionBadge } from './MailBadges.tsx';
import { type MailMessageView, mailMessageQuery, mailStatusLabel } from './mailQueries.ts';

const mono = { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 'var(--mantine-font-size-xs)' };

/** Message-IDs of References, one per line. */
function References({ value }: { value: string }) {
  return (
    <Stack component="span" gap={0} style={mono}>
      {value
        .split(/\s+/)
        .filter(Boolean)
        .map((id) => (
          <span key={id}>{id}</span>
        ))}
    </Stack>
  );
}

function headers(m: MailMessageView) {
  return [
    { label: 'From', value: m.from },
    { label: 'To', value: m.to.join(', ') || '—' },
    ...(m.cc.length > 0 ? [{ label: 'Cc', value: m.cc.join(', ') }] : []),
    {
      label: 'Date',
      value: (
        <time dateTime={m.createdAt} style={{ display: 'block' }}>
          {formatDateTime(m.createdAt)}
        </time>
      ),
    },
    {
      label: 'Case',
      value: m.caseNumber ? (
        <AnchorLink to="/cases/$number" params={{ number: m.caseNumber }} underline="always">
          {m.caseNumber}
        </AnchorLink>
      ) : (
        'None'
      ),
    },
    {
      label: 'Status',
      value: `${mailStatusLabel(m.status, m.transport)}${m.detail ? `: ${m.detail}` : ''}`,
    },
    { label: 'Message-ID', value: <span style={mono}>{m.messageId}</span> },
    ...(m.inReplyTo ? [{ label: 'In-Reply-To', value: <span style={mono}>{m.inReplyTo}</span> }] : []),
    ...(m.references ? [{ label: 'References', value: <References value={m.references} /> }] : []),
  ];
}

/**
 * One message: its headers, then the text or the HTML. The HTML is shown only inside a sandboxed frame
 * with no permissions at all (no scripts, no same-origin, no forms, no navigation of this page).
 */
function Message({ m, focus }: { m: MailMessageView; focus: number }) {
  const [body, setBody] = useState<string | null>('text');
  const heading = useRef<HTMLHeadingElement>(null);
  // A message chosen from the list moves focus (and, on a phone, the view) to it.
  useEffect(() => {
    if (focus > 0) heading.current?.focus();
  }, [focus]);
  return (
    <Stack gap="md">
      <div>
        <DirectionBadge direction={m.direction} />
        <Title
          order={2}
          size="h3"
          mt={6}
          ref={heading}
          tabIndex={-1}
          style={{ overflowWrap: 'anywhere', outlineOffset: 2, scrollMarginTop: 76 }}
        >
          {m.subject || '(no subject)'}
        </Title>
      </div>
      <InfoList items={headers(m)} />
      <Tabs value={body} onChange={setBody} keepMounted={false}>
        <Tabs.List aria-label="Body">
          <Tabs.Tab value="text">Text</Tabs.Tab>
          <Tabs.Tab value="html">HTML</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="text" pt="sm">
          <Box
            component="pre"
            m={0}
            p="sm"
            style={{
              ...mono,
              fontSize: 'var(--mantine-font-size-sm)',
              whiteSpace: 'pre-wrap',
              overflowWrap: 'anywhere',
              background: 'var(--mantine-color-default-hover)',
              borderRadius: 'var(--mantine-radius-sm)',
            }}
          >
            {m.text || '(The message has no text part.)'}
          </Box>
        </Tabs.Panel>
        <Tabs.Panel value="html" pt="sm">
          {m.html ? (
            <iframe
              sandbox=""
              srcDoc={m.html}
              title={`HTML of “${m.subject || 'the message'}”`}
              referrerPolicy="no-referrer"
              style={{
                display: 'block',
                width: '100%',
                height: 560,
                border: '1px solid var(--mantine-color-default-border)',
                borderRadius: 'var(--mantine-radius-sm)',
                // mail HTML is written for a white page, whatever this page's theme
                background: '#fff',
                colorScheme: 'light',
              }}
            />
          ) : (
            <Text size="sm" c="dimmed">
              This message has no HTML part.
            </Text>
          )}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

/** The message chosen in the list, loaded with its bodies. */
export function MailMessageDetail({ id, focus }: { id: string; focus: number }) {
  const message = useQuery(mailMessageQuery(id));
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="Message">
      {message.data ? (
        <Message m={message.data} focus={focus} />
      ) : message.error instanceof ApiRequestError && [400, 404].includes(message.error.status) ? (
        <Text role="alert">This message is not in the mail log.</Text>
      ) : message.isError ? (
        <Alert color="red" title="The message could not be loaded" role="alert">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{message.error.message}</Text>
            <Button size="compact-sm" variant="default" onClick={() => void message.refetch()}>
              Try again
            </Button>
          </Stack>
        </Alert>
      ) : (
        <Text c="dimmed" role="status">
          Loading the message…
        </Text>
      )}
    </Paper>
  );
}

/** In place of the detail before a message is chosen. */
export function NoMessageChosen() {
  return (
    <Paper withBorder radius="md" p="md">
      <Group>
        <Text c="dimmed" size="sm">
          Choose a message to read its headers and body.
        </Text>
      </Group>
    </Paper>
  );
}
