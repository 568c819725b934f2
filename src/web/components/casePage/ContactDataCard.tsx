import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Button,
  Card,
  Group,
  Modal,
  PhoneInput,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { useMemo, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { CaseEmail, ContactPhone, ContactTimezone } from '../../../shared/api/cases.ts';
import { toE164 } from '../../../shared/contact.ts';
import type { CaseView } from '../../api/cases.ts';
import { api } from '../../api/client.ts';
import { applyServerErrors, CLOSE_LABEL, notifySuccess, useRefreshCase } from './caseActions.ts';
import { InfoList } from './InfoList.tsx';

const ContactForm = z.object({
  caseEmail: CaseEmail,
  contactPhone: ContactPhone,
  contactTimezone: ContactTimezone,
});
type ContactFormInput = z.input<typeof ContactForm>;
type ContactFormOutput = z.output<typeof ContactForm>;
const FIELDS = ['caseEmail', 'contactPhone', 'contactTimezone'] as const;

/** A phone number as people read it (+1 415-555-0100), or as stored when it cannot be parsed. */
export function formatPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

let zoneList: string[] | undefined;
function timeZoneOptions(current: string): string[] {
  zoneList ??= [...new Set([...Intl.supportedValuesOf('timeZone'), 'UTC'])].sort();
  return zoneList.includes(current) ? zoneList : [current, ...zoneList];
}

/** Where case communication goes: the case email, the contact number and its time zone; editable. */
export function ContactDataCard({ c }: { c: CaseView }) {
  const [editing, setEditing] = useState(false);
  const editable = c.status !== 'closed';
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="contact-data-title">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={2} size="h4" id="contact-data-title">
            Contact data
          </Title>
          {editable && (
            <Button
              size="compact-sm"
              variant="light"
              onClick={() => setEditing(true)}
              aria-label="Edit contact data"
            >
              Edit
            </Button>
          )}
        </Group>
        <InfoList
          items={[
            { label: 'Case email', value: c.caseEmail },
            { label: 'Preferred contact number', value: formatPhone(c.contactPhone) },
            { label: 'Preferred contact timezone', value: c.contactTimezone },
          ]}
        />
      </Stack>
      <Modal
        closeButtonProps={CLOSE_LABEL}
        opened={editing}
        onClose={() => setEditing(false)}
        title="Edit contact data"
        size="lg"
      >
        {editing && <EditContactForm c={c} onDone={() => setEditing(false)} />}
      </Modal>
    </Card>
  );
}

function EditContactForm({ c, onDone }: { c: CaseView; onDone: () => void }) {
  const refresh = useRefreshCase(c.number);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<ContactFormInput, unknown, ContactFormOutput>({
    resolver: zodResolver(ContactForm),
    mode: 'onTouched',
    defaultValues: {
      caseEmail: c.caseEmail,
      contactPhone: c.contactPhone,
      contactTimezone: c.contactTimezone,
    },
  });
  const { errors } = form.formState;
  const phone = useWatch({ control: form.control, name: 'contactPhone' });
  const validPhone = phone ? toE164(phone) : null;
  const zones = useMemo(() => timeZoneOptions(c.contactTimezone), [c.contactTimezone]);

  const save = useMutation({
    mutationFn: (body: Partial<ContactFormOutput>) => api<CaseView>('PATCH', `/cases/${c.number}`, body),
  });

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    const changed: Partial<ContactFormOutput> = {};
    if (values.caseEmail !== c.caseEmail) changed.caseEmail = values.caseEmail;
    if (values.contactPhone !== c.contactPhone) changed.contactPhone = values.contactPhone;
    if (values.contactTimezone !== c.contactTimezone) changed.contactTimezone = values.contactTimezone;
    if (Object.keys(changed).length === 0) {
      onDone();
      return;
    }
    try {
      await save.mutateAsync(changed);
      await refresh();
      notifySuccess('Contact data saved.');
      onDone();
    } catch (e) {
      setFormError(applyServerErrors(e, FIELDS, form.setError));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        {formError && (
          <Alert color="red" role="alert" title="The contact data was not saved">
            {formError}
          </Alert>
        )}
        <TextInput
          label="Case email"
          description="Where case communication goes"
          type="email"
          autoComplete="email"
          required
          error={errors.caseEmail?.message}
          {...form.register('caseEmail')}
        />
        <Controller
          control={form.control}
          name="contactPhone"
          render={({ field }) => (
            <PhoneInput
              label="Preferred contact number"
              description={
                validPhone
                  ? `Valid number: ${formatPhone(validPhone)}`
                  : 'An international number: choose the country, then type the number'
              }
              required
              ref={field.ref}
              name={field.name}
              value={field.value}
              onChange={(raw) => field.onChange(raw)}
              onBlur={field.onBlur}
              error={errors.contactPhone?.message}
              preferredCountries={['us', 'gb', 'de', 'fr', 'in', 'au']}
              selectCountryLabel="Country of the phone number"
              // The button shows the ISO code (DE); its name must contain that text (WCAG 2.5.3).
              getCountryLabel={(country) => `${country.name}, ${country.iso2.toUpperCase()}`}
            />
          )}
        />
        <Controller
          control={form.control}
          name="contactTimezone"
          render={({ field }) => (
            <Select
              label="Preferred contact timezone"
              description="Type to search, e.g. Berlin or New_York"
              required
              searchable
              data={zones}
              limit={100}
              ref={field.ref}
              name={field.name}
              value={field.value}
              onChange={(v) => field.onChange(v ?? '')}
              onBlur={field.onBlur}
              error={errors.contactTimezone?.message}
              nothingFoundMessage="No time zone matches"
              comboboxProps={{ withinPortal: true }}
            />
          )}
        />
        <Text size="xs" c="dimmed">
          Each change is recorded in the case history.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={form.formState.isSubmitting}>
            Save contact data
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
