import { Card, Stack, Text, Title } from '@mantine/core';
import { SCOPE_LABELS } from '../../../shared/enums.ts';
import type { CaseView } from '../../api/cases.ts';
import { useMe } from '../../api/session.ts';
import { formatDateTime } from '../format.ts';
import { InfoList } from './InfoList.tsx';

const PLAN_LABELS = { basic: 'Basic', silver: 'Silver', gold: 'Gold' } as const;

/** The facts of a case: plan, owner, org, issue area, scope, who opened it and when. */
export function CaseInfoPanel({ c }: { c: CaseView }) {
  const me = useMe();
  const orgName = me?.orgs.find((o) => o.slug === c.org)?.name;
  const items = [
    { label: 'Plan', value: `${PLAN_LABELS[c.plan]} support` },
    {
      label: 'Owner engineer',
      value: c.owner ? (
        c.owner.name
      ) : (
        <Text span c="dimmed" inherit>
          Not yet assigned
        </Text>
      ),
    },
    { label: 'Org', value: orgName ? `${orgName} (${c.org})` : c.org },
    { label: 'Issue area', value: c.issueAreaName },
    { label: 'Scope', value: SCOPE_LABELS[c.scope] },
    {
      label: 'Opened',
      value: `${formatDateTime(c.createdAt)}${c.openedBy ? ` by ${c.openedBy.name}` : ''}`,
    },
    ...(c.firstResponseDueAt
      ? [{ label: 'First response due', value: formatDateTime(c.firstResponseDueAt) }]
      : []),
    { label: 'Last updated', value: formatDateTime(c.updatedAt) },
    ...(c.solvedAt ? [{ label: 'Solved', value: formatDateTime(c.solvedAt) }] : []),
    ...(c.closedAt ? [{ label: 'Closed', value: formatDateTime(c.closedAt) }] : []),
  ];
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="case-info-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="case-info-title">
          Case info
        </Title>
        <InfoList items={items} grid />
      </Stack>
    </Card>
  );
}

/** Description, steps to reproduce and business impact as the customer wrote them (plain text). */
export function CaseDetailsCard({ c }: { c: CaseView }) {
  const block = (title: string, text: string) => (
    <div>
      <Title order={3} size="h5" mb={4}>
        {title}
      </Title>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {text}
      </Text>
    </div>
  );
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="case-details-title">
      <Stack gap="md">
        <Title order={2} size="h4" id="case-details-title">
          Details
        </Title>
        {block('Description', c.description)}
        {c.stepsToReproduce && block('Steps to reproduce', c.stepsToReproduce)}
        {c.businessImpact && block('Business impact', c.businessImpact)}
      </Stack>
    </Card>
  );
}
