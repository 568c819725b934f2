import { Box, Button, Input, Loader, Radio, Stack, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { useEffect, useId, useMemo, useState } from 'react';
import type { IssueAreaView } from '../../api/cases.ts';
import { fieldId } from './caseForm.ts';

interface Props {
  areas: IssueAreaView[] | undefined;
  loadError?: string;
  value: string;
  onChange: (key: string) => void;
  onBlur: () => void;
  error?: string;
}

const RESET_FIELDSET = { border: 0, margin: 0, padding: 0, minWidth: 0 } as const;

interface Group {
  key: string;
  name: string;
  items: IssueAreaView[];
}

/** Common areas first; the rest grouped under their parent, in the server's order. */
function split(areas: IssueAreaView[]): { common: IssueAreaView[]; groups: Group[] } {
  const selectable = areas.filter((a) => a.selectable);
  const common = selectable.filter((a) => a.common);
  const groups: Group[] = [];
  const byKey = new Map<string, Group>();
  const parents = new Map(areas.filter((a) => !a.selectable).map((a) => [a.key, a]));
  for (const a of selectable.filter((x) => !x.common)) {
    const parentKey = a.parent ?? '';
    let g = byKey.get(parentKey);
    if (!g) {
      g = { key: parentKey, name: parents.get(parentKey)?.name ?? 'Other areas', items: [] };
      byKey.set(parentKey, g);
      groups.push(g);
    }
    g.items.push(a);
  }
  const order = [...parents.keys()];
  groups.sort((x, y) => {
    const ix = order.indexOf(x.key);
    const iy = order.indexOf(y.key);
    return (ix < 0 ? order.length : ix) - (iy < 0 ? order.length : iy);
  });
  return { common, groups };
}

/**
 * One area: a radio whose description is always linked for screen readers (aria-describedby) and
 * shown in a tooltip while the area is pointed at or has the keyboard focus.
 */
function AreaRadio({
  area,
  checked,
  shown,
  setShown,
  onChange,
  onBlur,
  invalid,
}: {
  area: IssueAreaView;
  checked: boolean;
  shown: boolean;
  setShown: (key: string | null) => void;
  onChange: (key: string) => void;
  onBlur: () => void;
  invalid: boolean;
}) {
  const descriptionId = `issue-area-${area.key}-description`;
  return (
    <Tooltip
      label={area.description}
      opened={shown}
      multiline
      w={300}
      position="top-start"
      withArrow
      events={{ hover: false, focus: false, touch: false }}
    >
      <Box
        data-issue-area={area.key}
        onMouseEnter={() => setShown(area.key)}
        onMouseLeave={() => setShown(null)}
        py={4}
      >
        <Radio
          name="issueArea"
          value={area.key}
          label={area.name}
          checked={checked}
          onChange={() => onChange(area.key)}
          onFocus={() => setShown(area.key)}
          onBlur={() => {
            setShown(null);
            onBlur();
          }}
          aria-describedby={descriptionId}
          error={invalid}
        />
        <VisuallyHidden id={descriptionId}>{area.description}</VisuallyHidden>
      </Box>
    </Tooltip>
  );
}

/**
 * The issue area picker of SPEC §2: the common areas first, "More issue areas" for the rest
 * grouped by parent; each area's description on hover and on keyboard focus.
 */
export function IssueAreaPicker({ areas, loadError, value, onChange, onBlur, error }: Props) {
  const { common, groups } = useMemo(() => split(areas ?? []), [areas]);
  const valueIsCommon = common.some((a) => a.key === value);
  const [showMore, setShowMore] = useState(false);
  // A restored draft may hold an area from "more": reveal it once the list is known.
  const revealFor = areas && value !== '' && !valueIsCommon ? value : null;
  useEffect(() => {
    if (revealFor) setShowMore(true);
  }, [revealFor]);
  const [shown, setShown] = useState<string | null>(null);
  const uid = useId();
  const labelId = `${uid}-label`;
  const descId = `${uid}-description`;
  const errorId = `${uid}-error`;
  const moreId = `${uid}-more`;
  const selected = areas?.find((a) => a.key === value);

  const radio = (a: IssueAreaView) => (
    <AreaRadio
      key={a.key}
      area={a}
      checked={value === a.key}
      shown={shown === a.key}
      setShown={setShown}
      onChange={onChange}
      onBlur={onBlur}
      invalid={Boolean(error)}
    />
  );

  return (
    <fieldset
      id={fieldId('issueArea')}
      aria-labelledby={labelId}
      aria-describedby={[descId, error ? errorId : ''].filter(Boolean).join(' ')}
      style={RESET_FIELDSET}
    >
      <Input.Label id={labelId} required labelElement="div" component="legend" style={{ padding: 0 }}>
        Issue area
      </Input.Label>
      <Input.Description id={descId}>
        The area decides which engineers get the case. Point at or tab to an area to read what it covers.
      </Input.Description>
      {!areas && !loadError && <Loader size="sm" mt="xs" role="status" aria-label="Loading issue areas" />}
      {loadError && (
        <Text c="red.8" size="sm" mt="xs" role="alert">
          {loadError}
        </Text>
      )}
      {areas && (
        <Stack gap="xs" mt="xs">
          <div className="cb-open-case-choices">{common.map(radio)}</div>
          {groups.length > 0 && (
            <Button
              variant="subtle"
              size="compact-sm"
              style={{ alignSelf: 'flex-start' }}
              aria-expanded={showMore}
              aria-controls={moreId}
              onClick={() => setShowMore((o) => !o)}
            >
              {showMore ? 'Fewer issue areas' : 'More issue areas'}
            </Button>
          )}
          <div id={moreId} hidden={!showMore}>
            {showMore && (
              <Stack gap="sm">
                {groups.map((g) => (
                  <fieldset key={g.key} style={RESET_FIELDSET}>
                    <Text component="legend" fw={600} size="sm" mb={2} p={0}>
                      {g.name}
                    </Text>
                    <div className="cb-open-case-choices">{g.items.map(radio)}</div>
                  </fieldset>
                ))}
              </Stack>
            )}
          </div>
          {selected && (
            <Text size="sm" c="dimmed" aria-live="polite">
              Selected: <strong>{selected.name}</strong> — {selected.description}
            </Text>
          )}
        </Stack>
      )}
      {error && (
        <Input.Error id={errorId} mt={6}>
          {error}
        </Input.Error>
      )}
    </fieldset>
  );
}
