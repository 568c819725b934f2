import {
  Alert,
  Anchor,
  Button,
  Card,
  CloseButton,
  FileButton,
  Group,
  Progress,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { MAX_ATTACHMENT_BYTES } from '../../../shared/enums.ts';
import { type AttachmentView, attachmentsQuery, type CaseView } from '../../api/cases.ts';
import { uploadFile } from '../../api/client.ts';
import { formatBytes, formatDateTime } from '../format.ts';
import { errorMessage, useRefreshCase } from './caseActions.ts';

interface Upload {
  key: string;
  name: string;
  size: number;
  progress: number;
  state: 'uploading' | 'done' | 'failed';
  error?: string;
}

const LIMIT = formatBytes(MAX_ATTACHMENT_BYTES).replace('.00', '');
let uploadSeq = 0;

/** Attachments of the case: download any, upload more (each at most 2 MB, with a progress bar). */
export function AttachmentsCard({ c }: { c: CaseView }) {
  const attachments = useQuery(attachmentsQuery(c.number));
  const refresh = useRefreshCase(c.number);
  const [uploads, setUploads] = useState<Upload[]>([]);
  // Cleared after each choice, so that choosing the same file again uploads it again.
  const resetRef = useRef<() => void>(null);
  const closed = c.status === 'closed';

  const patch = (key: string, change: Partial<Upload>) =>
    setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...change } : u)));

  async function start(files: File[]) {
    const batch = files.map((file) => ({
      file,
      upload: {
        key: `u${uploadSeq++}`,
        name: file.name,
        size: file.size,
        progress: 0,
        state: file.size > MAX_ATTACHMENT_BYTES ? 'failed' : 'uploading',
        error:
          file.size > MAX_ATTACHMENT_BYTES
            ? `${formatBytes(file.size)} is over the ${LIMIT} limit: not uploaded. Compress it or send an excerpt.`
            : undefined,
      } satisfies Upload,
    }));
    setUploads((list) => [...batch.map((b) => b.upload), ...list]);
    await Promise.all(
      batch
        .filter((b) => b.upload.state === 'uploading')
        .map(async ({ file, upload }) => {
          try {
            await uploadFile<AttachmentView>(`/cases/${c.number}/attachments`, file, (fraction) =>
              patch(upload.key, { progress: Math.round(fraction * 100) }),
            );
            patch(upload.key, { state: 'done', progress: 100 });
            await refresh();
          } catch (e) {
            patch(upload.key, { state: 'failed', error: errorMessage(e) });
          }
        }),
    );
  }

  const items = attachments.data?.items ?? [];
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="attachments-title">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h4" id="attachments-title">
            Attachments
          </Title>
          {!closed && (
            <FileButton
              onChange={(files) => {
                resetRef.current?.();
                void start(files);
              }}
              resetRef={resetRef}
              multiple
            >
              {(props) => (
                <Button {...props} variant="light" size="compact-md">
                  Attach files
                </Button>
              )}
            </FileButton>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {closed
            ? 'This case is closed and takes no more files. Attachments of a closed case are deleted on the 8th day after closure.'
            : `Up to ${LIMIT} per file. Logs, screenshots and HAR files help; executables are refused.`}
        </Text>
        {uploads.length > 0 && (
          <Stack
            gap="xs"
            component="ul"
            aria-label="Uploads"
            style={{ listStyle: 'none', padding: 0, margin: 0 }}
          >
            {uploads.map((u) => (
              <li key={u.key}>
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {u.name}{' '}
                    <Text span size="xs" c="dimmed">
                      ({formatBytes(u.size)})
                    </Text>
                  </Text>
                  <Group gap={4} wrap="nowrap">
                    <Text size="xs" c="dimmed" aria-live="polite">
                      {u.state === 'uploading'
                        ? `${u.progress}%`
                        : u.state === 'done'
                          ? 'Uploaded'
                          : 'Not uploaded'}
                    </Text>
                    {u.state !== 'uploading' && (
                      <CloseButton
                        size="sm"
                        aria-label={`Dismiss ${u.name}`}
                        onClick={() => setUploads((list) => list.filter((x) => x.key !== u.key))}
                      />
                    )}
                  </Group>
                </Group>
                {u.state !== 'failed' && (
                  <Progress
                    value={u.progress}
                    size="sm"
                    mt={4}
                    color={u.state === 'done' ? 'teal' : undefined}
                    aria-label={`Upload of ${u.name}`}
                  />
                )}
                {u.error && (
                  <Alert color="red" role="alert" p="xs" mt={4}>
                    {u.name}: {u.error}
                  </Alert>
                )}
              </li>
            ))}
          </Stack>
        )}
        {attachments.isError && (
          <Alert color="red" role="alert" title="The attachments could not be loaded">
            {errorMessage(attachments.error)}
          </Alert>
        )}
        {attachments.data && items.length === 0 && <Text size="sm">No attachments yet.</Text>}
        {items.length > 0 && (
          <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {items.map((a) => (
              <li key={a.id}>
                <Anchor
                  href={a.downloadUrl}
                  download={a.filename}
                  size="sm"
                  style={{ overflowWrap: 'anywhere' }}
                >
                  {a.filename}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {formatBytes(a.size)} · {a.uploadedBy ? `${a.uploadedBy.name}, ` : ''}
                  {formatDateTime(a.createdAt)}
                </Text>
              </li>
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
