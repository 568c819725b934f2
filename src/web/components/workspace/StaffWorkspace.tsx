import { Card, Divider, Stack, Text, Title } from '@mantine/core';
import type { CaseView } from '../../api/cases.ts';
import { AssignmentControl } from './AssignmentControl.tsx';
import { MergeControl } from './MergeControl.tsx';
import { PriorityControl } from './PriorityControl.tsx';
import { QueueControl } from './QueueControl.tsx';
import { SlaIndicator } from './SlaIndicator.tsx';
import { StatusControl } from './StatusControl.tsx';

/** The staff side of a case: its SLA, and status, priority, assignment, queue and merge. */
export function StaffWorkspace({ c }: { c: CaseView }) {
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="workspace-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="workspace-title">
          Workspace
        </Title>
        <div>
          <Text size="sm" fw={500} mb={4}>
            First-response SLA
          </Text>
          <SlaIndicator sla={c.sla} />
        </div>
        <Divider />
        <AssignmentControl c={c} />
        <Divider />
        <StatusControl c={c} />
        <Divider />
        <PriorityControl c={c} />
        <Divider />
        <QueueControl c={c} />
        <Divider />
        <MergeControl c={c} />
      </Stack>
    </Card>
  );
}
