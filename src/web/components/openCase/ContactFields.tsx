import { type ComboboxItem, type OptionsFilter, PhoneInput, Select } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { browserTimeZone, fieldId, loadCaseSchema } from './caseForm.ts';

type ToE164 = (input: string) => string | null;

/** libphonenumber-js arrives with the form's schema, just after the first render. */
function usePhoneParser(): ToE164 | null {
  const [parse, setParse] = useState<ToE164 | null>(null);
  useEffect(() => {
    let live = true;
    void loadCaseSchema().then((m) => {
      if (live) setParse(() => m.toE164);
    });
    return () => {
      live = false;
    };
  }, []);
  return parse;
}

/** The country of the browser's locale (en-US → us), to start the phone number's country selector. */
function browserCountry(): string | undefined {
  try {
    for (const tag of navigator.languages ?? [navigator.language]) {
      const region = new Intl.Locale(tag).maximize().region;
      if (region && /^[A-Z]{2}$/.test(region)) return region.toLowerCase();
    }
  } catch {
    /* unknown locale */
  }
  return undefined;
}

interface FieldProps {
  value: string;
  onChange: (value: string) => void;
  onBlur: () => void;
  error?: string;
}

/**
 * Preferred contact number: a country selector and the number, checked as the user types with
 * libphonenumber-js; the E.164 form that will be stored is shown once the number is valid.
 */
export function ContactPhoneField({ value, onChange, onBlur, error }: FieldProps) {
  const defaultCountry = useMemo(browserCountry, []);
  const toE164 = usePhoneParser();
  const e164 = toE164 ? toE164(value) : null;
  const nationalDigits = value.replace(/\D/g, '').length;
  const description = e164
    ? `Valid number, saved as ${e164}.`
    : nationalDigits > 4
      ? 'Not a complete number yet for this country: check the area code and the digits.'
      : 'Choose the country, then type the number with its area code.';
  return (
    <PhoneInput
      id={fieldId('contactPhone')}
      label="Preferred contact number"
      description={description}
      required
      autoComplete="tel"
      defaultCountry={defaultCountry}
      value={value}
      onChange={(raw) => onChange(raw)}
      onBlur={onBlur}
      error={error}
      withChevron
      getCountryLabel={(c) => `${c.name}, ${c.iso2.toUpperCase()}`}
      nothingFoundMessage="No country matches"
      maxDropdownHeight={260}
    />
  );
}

const normalize = (s: string) =>
  s
    .toLowerCase()
    .replace(/[_/\s-]+/g, ' ')
    .trim();

/** Matches "new york", "new_york" and "america/new" alike. */
const timeZoneFilter: OptionsFilter = ({ options, search }) => {
  const q = normalize(search);
  if (!q) return options;
  return options.filter((o) => 'value' in o && normalize((o as ComboboxItem).label).includes(q));
};

function offsetOf(zone: string, now: Date): string {
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'shortOffset' })
      .formatToParts(now)
      .find((p) => p.type === 'timeZoneName');
    return part?.value ?? '';
  } catch {
    return '';
  }
}

/** The IANA list of this browser plus UTC (and the browser's own zone, should the list lack it). */
function timeZoneOptions(): ComboboxItem[] {
  const zones = new Set<string>(Intl.supportedValuesOf('timeZone'));
  zones.add('UTC');
  zones.add(browserTimeZone());
  const now = new Date();
  return [...zones].sort().map((z) => {
    const offset = offsetOf(z, now);
    return { value: z, label: offset ? `${z} (${offset})` : z };
  });
}

/** Preferred contact time zone: a searchable list of IANA names, the browser's zone by default. */
export function TimeZoneSelect({ value, onChange, onBlur, error }: FieldProps) {
  const data = useMemo(timeZoneOptions, []);
  return (
    <Select
      id={fieldId('contactTimezone')}
      label="Preferred contact time zone"
      description="Support uses it to reach you at sensible hours. Type a city or region to search."
      required
      searchable
      allowDeselect={false}
      data={data}
      filter={timeZoneFilter}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      onBlur={onBlur}
      error={error}
      nothingFoundMessage="No time zone matches"
      maxDropdownHeight={260}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
