import { Autocomplete, Box, Button, Group, Input, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { type OrgAdminView, orgAdminsQuery } from '../../api/cases.ts';
import { PLAIN_LIST } from './AttachmentList.tsx';
import { fieldId } from './caseForm.ts';

interface Props {
  org: string;
  /** the org's display name (acme.example.com) */
  orgName?: string;
  meId: string;
  value: string[];
  onChange: (emails: string[]) => void;
  onBlur: () => void;
  error?: string;
}

const MAX_TEAM = 20;

/**
 * "Add contact to team" (SPEC §2): a typeahead over the active admins of the chosen org, without
 * the user themself. When the org changes, contacts who are not admins of the new org are dropped
 * and the user is told who and why.
 */
export function TeamContactsInput({ org, orgName, meId, value, onChange, onBlur, error }: Props) {
  const admins = useQuery({
    ...orgAdminsQuery(org),
    enabled: org !== '',
    // The list is a typeahead: refreshing it on every window focus could silently change the team.
    refetchOnWindowFocus: false,
  });
  const [query, setQuery] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const justAdded = useRef(false);
  const uid = useId();
  const listId = `${uid}-team`;

  const byEmail = useMemo(
    () => new Map((admins.data?.items ?? []).map((a) => [a.email.toLowerCase(), a])),
    [admins.data],
  );
  const candidates = (admins.data?.items ?? []).filter(
    (a) => a.id !== meId && !value.includes(a.email.toLowerCase()),
  );

  // Re-filter when the org (and so its admin list) changes.
  const loadedFor = admins.data && !admins.isPlaceholderData ? org : null;
  const valueRef = useRef(value);
  valueRef.current = value;
  const orgNameRef = useRef(orgName);
  orgNameRef.current = orgName;
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  useEffect(() => {
    if (!loadedFor) return;
    const current = valueRef.current;
    const kept = current.filter((e) => byEmail.has(e));
    if (kept.length === current.length) return;
    const dropped = current.filter((e) => !byEmail.has(e));
    onChangeRef.current(kept);
    setNotice(
      `Removed from the case team: ${dropped.join(', ')}. Only admins of ${orgNameRef.current ?? loadedFor} can be on its case team.`,
    );
  }, [loadedFor, byEmail]);

  const add = (email: string) => {
    const e = email.toLowerCase();
    if (value.includes(e) || value.length >= MAX_TEAM) return;
    setNotice(null);
    onChange([...value, e]);
  };

  const label = (a: OrgAdminView) => `${a.name} (${a.email})`;
  const placeholder = !org
    ? 'Choose the org impacted first'
    : admins.isLoading
      ? 'Loading admins…'
      : candidates.length === 0
        ? 'No other admins of this org'
        : 'Type a name or an email';

  return (
    <Stack gap={6}>
      <Autocomplete
        id={fieldId('teamContacts')}
        label="Add contact to team"
        description={`Admins of ${orgName ?? (org || 'the org impacted')} can be added. They receive every email about the case and can open it.`}
        placeholder={placeholder}
        disabled={!org}
        data={candidates.map((a) => ({ value: a.email, label: label(a) }))}
        value={query}
        onChange={(v) => {
          if (justAdded.current) {
            justAdded.current = false;
            setQuery('');
          } else setQuery(v);
        }}
        onOptionSubmit={(email) => {
          justAdded.current = true;
          add(email);
        }}
        onBlur={onBlur}
        error={error}
        maxDropdownHeight={240}
        // Focus alone (e.g. moved here to show a server error) keeps the message visible; typing or a click opens the list.
        openOnFocus={false}
        comboboxProps={{ withinPortal: true }}
      />
      {notice && (
        <Text size="sm" role="status">
          {notice}
        </Text>
      )}
      {value.length > 0 && (
        <div>
          <Input.Label labelElement="div" id={listId} size="sm">
            Case team ({value.length})
          </Input.Label>
          <Stack component="ul" gap={4} aria-labelledby={listId} style={PLAIN_LIST}>
            {value.map((email) => {
              const a = byEmail.get(email);
              const name = a ? a.name : email;
              return (
                <Box component="li" key={email}>
                  <Group gap="xs" wrap="nowrap" justify="space-between">
                    <Text size="sm" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                      {a ? (
                        <>
                          {a.name}{' '}
                          <Text span c="dimmed" size="sm">
                            {a.email}
                          </Text>
                        </>
                      ) : (
                        email
                      )}
                    </Text>
                    <Button
                      variant="subtle"
                      size="compact-sm"
                      aria-label={`Remove ${name} from the case team`}
                      onClick={() => onChange(value.filter((e) => e !== email))}
                    >
                      Remove
                    </Button>
                  </Group>
                </Box>
              );
            })}
          </Stack>
        </div>
      )}
    </Stack>
  );
}
