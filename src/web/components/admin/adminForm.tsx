import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group } from '@mantine/core';
import { useState } from 'react';
import { type DefaultValues, type FieldValues, type Path, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { ApiRequestError } from '../../api/client.ts';
import { errorText } from './adminApi.ts';

/**
 * A form of administration: checked in the browser with the API's own zod schema, sent, and on a
 * refusal the API's field errors shown next to the fields (the rest above the form). Nothing typed
 * is lost: the values stay until the save succeeds.
 */
export function useAdminForm<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  defaultValues: DefaultValues<z.input<S>>,
) {
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver: zodResolver(schema as never) as never,
    defaultValues,
    mode: 'onTouched',
  });
  const [formError, setFormError] = useState<string | null>(null);
  const submit = (send: (values: z.output<S>) => Promise<void>) =>
    form.handleSubmit(
      async (values) => {
        setFormError(null);
        try {
          await send(values);
        } catch (e) {
          if (!(e instanceof ApiRequestError)) {
            setFormError(errorText(e));
            return;
          }
          const names = Object.keys(form.getValues() as object);
          const fields = Object.entries(e.fields);
          const known = fields.filter(([k]) => names.includes(k));
          for (const [k, message] of known) {
            form.setError(k as Path<z.input<S>>, { type: 'server', message }, { shouldFocus: true });
          }
          const other = fields.filter(([k]) => !names.includes(k)).map(([, m]) => m);
          setFormError(
            known.length > 0 && other.length === 0
              ? `${e.message}. See the message next to the field; nothing you typed is lost.`
              : [e.message, ...other].filter((m, i, all) => all.indexOf(m) === i).join(' · '),
          );
        }
      },
      () => setFormError('Some fields need your attention: see the messages next to them.'),
    );
  return { form, formError, setFormError, submit };
}

export function FormError({ error, title }: { error: string | null; title: string }) {
  if (!error) return null;
  return (
    <Alert color="red" role="alert" title={title}>
      {error}
    </Alert>
  );
}

export function FormButtons({
  submitting,
  label,
  onCancel,
}: {
  submitting: boolean;
  label: string;
  onCancel?: () => void;
}) {
  return (
    <Group justify="flex-end" gap="sm">
      {onCancel && (
        <Button variant="default" onClick={onCancel} disabled={submitting}>
          Cancel
        </Button>
      )}
      <Button type="submit" loading={submitting}>
        {label}
      </Button>
    </Group>
  );
}
