import { Alert, Box, Button, FileButton, Group, Input, Progress, Stack, Text } from '@mantine/core';
import { useId, useRef, useState } from 'react';
import { MAX_ATTACHMENT_BYTES } from '../../../shared/enums.ts';
import { formatBytes } from '../format.ts';

export interface PendingFile {
  id: string;
  file: File;
}

export type UploadState =
  | { status: 'waiting' }
  | { status: 'uploading'; progress: number }
  | { status: 'done' }
  | { status: 'failed'; message: string; retryable: boolean };

const LIMIT_TEXT = `${MAX_ATTACHMENT_BYTES / (1024 * 1024)} MB`;

let nextId = 0;

export const PLAIN_LIST = { listStyle: 'none', margin: 0, padding: 0 } as const;

/** Checks the size before anything is sent (SPEC §2: at most 2 MB each). */
function check(file: File): string | null {
  if (file.size > MAX_ATTACHMENT_BYTES) {
    return `${file.name} was not added: it is ${file.size.toLocaleString('en-US')} bytes (${formatBytes(file.size)}), and each file may be at most ${LIMIT_TEXT} (${MAX_ATTACHMENT_BYTES.toLocaleString('en-US')} bytes).`;
  }
  if (file.size === 0) return `${file.name} was not added: the file is empty.`;
  return null;
}

interface Props {
  files: PendingFile[];
  onChange: (files: PendingFile[]) => void;
  /** while the case is being sent, the list cannot change */
  disabled?: boolean;
}

/**
 * Files to attach to the new case: picked here, checked for size at once, removable; they are
 * uploaded after the case exists (see UploadProgress).
 */
export function AttachmentList({ files, onChange, disabled }: Props) {
  const [refused, setRefused] = useState<string[]>([]);
  const resetRef = useRef<() => void>(null);
  const uid = useId();

  const pick = (picked: File[]) => {
    const problems: string[] = [];
    const added: PendingFile[] = [];
    for (const file of picked) {
      const problem = check(file);
      if (problem) problems.push(problem);
      else if (
        !files.some(
          (f) =>
            f.file.name === file.name &&
            f.file.size === file.size &&
            f.file.lastModified === file.lastModified,
        )
      ) {
        added.push({ id: `file-${++nextId}`, file });
      }
    }
    setRefused(problems);
    if (added.length > 0) onChange([...files, ...added]);
    resetRef.current?.();
  };

  return (
    <Stack gap={6}>
      <div>
        <Input.Label labelElement="div" id={`${uid}-label`}>
          Attachments
        </Input.Label>
        <Input.Description id={`${uid}-description`}>
          Logs, screenshots, HAR files: up to {LIMIT_TEXT} each. Programs cannot be attached. The files are
          uploaded right after the case is opened; you can add more on the case page.
        </Input.Description>
      </div>
      <Group>
        <FileButton onChange={pick} multiple resetRef={resetRef} disabled={disabled}>
          {(props) => (
            <Button {...props} variant="default" disabled={disabled} aria-describedby={`${uid}-description`}>
              Add files
            </Button>
          )}
        </FileButton>
      </Group>
      {refused.length > 0 && (
        <Alert color="red" role="alert" title="File not added" withCloseButton onClose={() => setRefused([])}>
          <Stack gap={4}>
            {refused.map((r) => (
              <Text key={r} size="sm">
                {r}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
      {files.length > 0 && (
        <Stack component="ul" gap={4} aria-label="Files to attach" style={PLAIN_LIST}>
          {files.map((f) => (
            <Box component="li" key={f.id}>
              <Group gap="xs" wrap="nowrap" justify="space-between">
                <Text size="sm" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                  {f.file.name}{' '}
                  <Text span size="sm" c="dimmed">
                    {formatBytes(f.file.size)}
                  </Text>
                </Text>
                <Button
                  variant="subtle"
                  size="compact-sm"
                  disabled={disabled}
                  aria-label={`Remove ${f.file.name}`}
                  onClick={() => onChange(files.filter((x) => x.id !== f.id))}
                >
                  Remove
                </Button>
              </Group>
            </Box>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

/** Uploads of the new case's files, each with its progress bar and, on failure, the reason. */
export function UploadProgress({
  files,
  states,
}: {
  files: PendingFile[];
  states: Record<string, UploadState>;
}) {
  return (
    <Stack component="ul" gap="sm" aria-label="Attachment uploads" style={PLAIN_LIST}>
      {files.map((f) => {
        const s = states[f.id] ?? { status: 'waiting' };
        const percent =
          s.status === 'done' ? 100 : s.status === 'uploading' ? Math.round(s.progress * 100) : 0;
        return (
          <Box component="li" key={f.id}>
            <Stack gap={4}>
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Text size="sm" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                  {f.file.name}
                </Text>
                <Text
                  size="sm"
                  c={s.status === 'failed' ? undefined : 'dimmed'}
                  fw={s.status === 'failed' ? 600 : 400}
                >
                  {s.status === 'waiting'
                    ? 'Waiting'
                    : s.status === 'uploading'
                      ? `${percent}%`
                      : s.status === 'done'
                        ? 'Attached'
                        : 'Not attached'}
                </Text>
              </Group>
              <Progress
                value={percent}
                color={s.status === 'failed' ? 'red' : s.status === 'done' ? 'teal' : undefined}
                aria-label={`Upload of ${f.file.name}`}
              />
              {s.status === 'failed' && (
                <Text size="sm" role="alert">
                  {s.message}
                </Text>
              )}
            </Stack>
          </Box>
        );
      })}
    </Stack>
  );
}
