import { NativeSelect } from '@mantine/core';
import type { IssueAreaView } from '../../api/cases.ts';

/** The two levels of issue areas as option groups: each parent area holds its selectable areas. */
function groups(areas: IssueAreaView[]) {
  const selectable = areas.filter((a) => a.selectable);
  const parents = areas.filter((a) => !a.selectable);
  const grouped = parents
    .map((p) => ({
      group: p.name,
      items: selectable.filter((a) => a.parent === p.key).map((a) => ({ value: a.key, label: a.name })),
    }))
    .filter((g) => g.items.length > 0);
  const orphans = selectable.filter((a) => !parents.some((p) => p.key === a.parent));
  if (orphans.length > 0) {
    grouped.push({ group: 'Other areas', items: orphans.map((a) => ({ value: a.key, label: a.name })) });
  }
  return grouped;
}

/** "Issue area" on the knowledge base page: entries of the chosen area come first. */
export function IssueAreaSelect({
  areas,
  value,
  onChange,
}: {
  areas: IssueAreaView[] | undefined;
  value: string | undefined;
  onChange: (key: string | undefined) => void;
}) {
  const known = !value || !areas || areas.some((a) => a.key === value);
  return (
    <NativeSelect
      label="Issue area"
      description="Entries in this area come first"
      value={value ?? ''}
      onChange={(e) => onChange(e.currentTarget.value || undefined)}
      data={[
        { value: '', label: 'Any issue area' },
        ...(known ? [] : [{ value: value ?? '', label: value ?? '' }]),
        ...groups(areas ?? []),
      ]}
    />
  );
}
