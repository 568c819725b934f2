import { Button, Group, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';

const DEBOUNCE_MS = 400;

/**
 * The knowledge base search box: searches after a pause in typing and on Enter (or the button). The
 * URL holds the query; back/forward (a query this box did not send) updates the box.
 */
export function KbSearchBox({
  q,
  onSearch,
  children,
}: {
  q: string;
  onSearch: (q: string, opts: { typed: boolean }) => void;
  /** more fields beside the box (the issue area) */
  children?: React.ReactNode;
}) {
  const [text, setText] = useState(q);
  const [debounced] = useDebouncedValue(text, DEBOUNCE_MS);
  const sent = useRef(q);
  useEffect(() => {
    if (q !== sent.current) {
      sent.current = q;
      setText(q);
    }
  }, [q]);
  const send = (value: string, typed: boolean) => {
    const v = value.trim();
    if (v === sent.current) return;
    sent.current = v;
    onSearch(v, { typed });
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a settled change of the text searches
  useEffect(() => {
    send(debounced, true);
  }, [debounced]);
  return (
    <search>
      <form
        aria-label="Search the knowledge base"
        onSubmit={(e) => {
          e.preventDefault();
          send(text, false);
        }}
      >
        <Group align="flex-end" gap="sm">
          <Group align="flex-end" wrap="nowrap" gap="xs" style={{ flex: '1 1 320px', minWidth: 0 }}>
            <TextInput
              style={{ flex: 1, minWidth: 0 }}
              type="search"
              label="Search the knowledge base"
              description="Words, an error code or a question"
              placeholder="e.g. password reset or E0000004"
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              // the page exists to search: an empty box takes the focus (the Help menu brings people here to type)
              autoFocus={q === ''}
            />
            <Button type="submit" variant="light">
              Search
            </Button>
          </Group>
          {children && <div style={{ flex: '0 1 280px', minWidth: 0 }}>{children}</div>}
        </Group>
      </form>
    </search>
  );
}
