import { Alert, Badge, Card, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import type { AccountPermissionsView } from '../../api/cases.ts';
import { seatsTaken } from './api.ts';

const PLAN_LABELS = { basic: 'Basic', silver: 'Silver', gold: 'Gold' } as const;

/** The account, its plan, and its Elevated Support Contact seats (used / cap), with the cap explained when reached. */
export function SeatsCard({ permissions }: { permissions: AccountPermissionsView }) {
  const { account, escSeats } = permissions;
  const labelId = useId();
  const full = escSeats.used >= escSeats.cap;
  const percent = escSeats.cap > 0 ? Math.min(100, (escSeats.used / escSeats.cap) * 100) : 100;
  return (
    <Card withBorder padding="lg">
      <Stack gap="sm">
        <Group justify="space-between" align="center" gap="xs">
          <Title order={2} size="h3">
            {account.name}
          </Title>
          <Badge variant="light" size="lg">
            {PLAN_LABELS[account.plan]} plan
          </Badge>
        </Group>
        <div>
          <Group justify="space-between" gap="xs" mb={6}>
            <Text id={labelId} fw={500}>
              Elevated Support Contact seats
            </Text>
            <Text fw={700} data-testid="esc-seats">
              {escSeats.used} / {escSeats.cap} used
            </Text>
          </Group>
          <Progress.Root size="lg">
            <Progress.Section
              value={percent}
              color={full ? 'red' : 'indigo'}
              withAria={false}
              role="progressbar"
              aria-labelledby={labelId}
              aria-valuemin={0}
              aria-valuemax={escSeats.cap}
              aria-valuenow={escSeats.used}
              aria-valuetext={`${escSeats.used} of ${escSeats.cap} seats used`}
            />
          </Progress.Root>
          <Text size="sm" c="dimmed" mt={6}>
            An Elevated Support Contact sees and manages every case of the account. Only admins who hold Case
            Admin can take a seat; the {account.plan} plan has {escSeats.cap}.
          </Text>
        </div>
        {full && (
          <Alert color="orange" title="No free seat">
            {seatsTaken(escSeats.cap, account.plan)}: remove an Elevated Support Contact first.
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
