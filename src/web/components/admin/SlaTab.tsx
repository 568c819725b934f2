import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, NumberInput, Select, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { z } from 'zod';
import { PlanUpdate, SlaMinutes, SUPPORT_HOURS, SUPPORT_HOURS_LABELS } from '../../../shared/api/admin.ts';
import { PLANS, type Plan, PRIORITIES, PRIORITY_DEFINITIONS, type Priority } from '../../../shared/enums.ts';
import { ApiRequestError } from '../../api/client.ts';
import { notify } from '../toasts.tsx';
import { errorText, minutesLabel, type PlanView, plansQuery, useAdminWrite } from './adminApi.ts';

const PlanRow = z.object({
  escSeats: PlanUpdate.shape.escSeats.unwrap(),
  supportHours: z.enum(SUPPORT_HOURS),
  P1: SlaMinutes,
  P2: SlaMinutes,
  P3: SlaMinutes,
  P4: SlaMinutes,
});
const Matrix = z.object({ basic: PlanRow, silver: PlanRow, gold: PlanRow });
type MatrixValues = z.infer<typeof Matrix>;

const planLabel = (p: string) => `${p.charAt(0).toUpperCase()}${p.slice(1)}`;

function toValues(plans: PlanView[]): MatrixValues {
  const row = (key: Plan) => {
    const p = plans.find((x) => x.key === key);
    return {
      escSeats: p?.escSeats ?? 0,
      supportHours: p?.supportHours ?? '24x7',
      P1: p?.targets.P1 ?? 0,
      P2: p?.targets.P2 ?? 0,
      P3: p?.targets.P3 ?? 0,
      P4: p?.targets.P4 ?? 0,
    };
  };
  return { basic: row('basic'), silver: row('silver'), gold: row('gold') };
}

function MatrixForm({ plans }: { plans: PlanView[] }) {
  const write = useAdminWrite<{ recomputedCases: number }>();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<MatrixValues>({
    resolver: zodResolver(Matrix),
    defaultValues: toValues(plans),
    mode: 'onTouched',
  });
  const { errors, isSubmitting, isDirty } = form.formState;
  useEffect(() => {
    // after a save the server's figures become the new starting point (unless the user is editing)
    if (!form.formState.isDirty) form.reset(toValues(plans));
  }, [plans, form]);

  const onSubmit = form.handleSubmit(
    async (values) => {
      setFormError(null);
      const before = toValues(plans);
      const targets = PLANS.flatMap((plan) =>
        PRIORITIES.filter((p) => values[plan][p] !== before[plan][p]).map((priority) => ({
          plan,
          priority,
          minutes: values[plan][priority],
        })),
      );
      let recomputed = 0;
      try {
        for (const plan of PLANS) {
          const change: { escSeats?: number; supportHours?: string } = {};
          if (values[plan].escSeats !== before[plan].escSeats) change.escSeats = values[plan].escSeats;
          if (values[plan].supportHours !== before[plan].supportHours)
            change.supportHours = values[plan].supportHours;
          if (Object.keys(change).length > 0) {
            await write.mutateAsync({ method: 'PATCH', path: `/admin/plans/${plan}`, body: change });
          }
        }
        if (targets.length > 0) {
          const res = await write.mutateAsync({
            method: 'PATCH',
            path: '/admin/sla-targets',
            body: { targets },
          });
          recomputed = res.recomputedCases;
        }
      } catch (e) {
        setFormError(
          e instanceof ApiRequestError ? [e.message, ...Object.values(e.fields)].join(' · ') : errorText(e),
        );
        return;
      }
      form.reset(values);
      notify({
        color: 'teal',
        title: 'SLA targets and support hours saved',
        message:
          targets.length > 0
            ? `${recomputed} open ${recomputed === 1 ? 'case' : 'cases'} not answered yet got a new due time.`
            : 'Saved.',
      });
    },
    () => setFormError('Some cells need your attention: see the messages in them.'),
  );

  return (
    <form noValidate onSubmit={onSubmit}>
      <Stack gap="md">
        {formError && (
          <Alert color="red" role="alert" title="The changes were not saved">
            {formError}
          </Alert>
        )}
        <Table.ScrollContainer minWidth={820}>
          <Table aria-label="First-response targets in minutes of support time, support hours and ESC seats per plan">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Plan</Table.Th>
                {PRIORITIES.map((p) => (
                  <Table.Th scope="col" key={p}>
                    {PRIORITY_DEFINITIONS[p].label}
                  </Table.Th>
                ))}
                <Table.Th scope="col">Support hours</Table.Th>
                <Table.Th scope="col">ESC seats</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {PLANS.map((plan) => (
                <Table.Tr key={plan}>
                  <Table.Th scope="row">{planLabel(plan)}</Table.Th>
                  {PRIORITIES.map((priority: Priority) => (
                    <Table.Td key={priority}>
                      <Controller
                        control={form.control}
                        name={`${plan}.${priority}`}
                        render={({ field }) => (
                          <NumberInput
                            aria-label={`${planLabel(plan)} ${priority} target in minutes`}
                            min={1}
                            allowDecimal={false}
                            suffix=" min"
                            value={field.value}
                            onChange={(v) => field.onChange(typeof v === 'number' ? v : Number.NaN)}
                            onBlur={field.onBlur}
                            error={errors[plan]?.[priority]?.message}
                            description={
                              Number.isFinite(field.value) && field.value > 0
                                ? minutesLabel(field.value)
                                : undefined
                            }
                            w={130}
                          />
                        )}
                      />
                    </Table.Td>
                  ))}
                  <Table.Td>
                    <Controller
                      control={form.control}
                      name={`${plan}.supportHours`}
                      render={({ field }) => (
                        <Select
                          aria-label={`${planLabel(plan)} support hours`}
                          data={SUPPORT_HOURS.map((h) => ({
                            value: h,
                            label: h === '24x7' ? '24×7' : '24×5',
                          }))}
                          value={field.value}
                          onChange={(v) => v && field.onChange(v)}
                          allowDeselect={false}
                          w={110}
                        />
                      )}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Controller
                      control={form.control}
                      name={`${plan}.escSeats`}
                      render={({ field }) => (
                        <NumberInput
                          aria-label={`${planLabel(plan)} ESC seats`}
                          min={0}
                          allowDecimal={false}
                          value={field.value}
                          onChange={(v) => field.onChange(typeof v === 'number' ? v : Number.NaN)}
                          onBlur={field.onBlur}
                          error={errors[plan]?.escSeats?.message}
                          w={100}
                        />
                      )}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Text size="xs" c="dimmed">
          {SUPPORT_HOURS.map((h) => `${h === '24x7' ? '24×7' : '24×5'}: ${SUPPORT_HOURS_LABELS[h]}`).join(
            ' · ',
          )}
          . The clock also pauses while a case waits for the customer. A change moves the due time of the open
          cases not answered yet; answered cases keep the target they were measured against.
        </Text>
        <Group justify="flex-end">
          <Button
            variant="default"
            disabled={!isDirty || isSubmitting}
            onClick={() => form.reset(toValues(plans))}
          >
            Discard changes
          </Button>
          <Button type="submit" loading={isSubmitting} disabled={!isDirty}>
            Save targets
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The plan × priority first-response matrix, support hours and ESC seats per plan. */
export function SlaTab() {
  const plans = useQuery(plansQuery);
  if (plans.isPending) return <Skeleton height={240} />;
  if (plans.isError) {
    return (
      <Alert color="red" role="alert" title="The plans could not be loaded">
        {errorText(plans.error)}
      </Alert>
    );
  }
  return <MatrixForm plans={plans.data.items} />;
}
