import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/** Returns the E.164 form of an international phone number, or null when it is not a valid number. */
export function toE164(input: string): string | null {
  const parsed = parsePhoneNumberFromString(input.trim());
  if (!parsed?.isValid()) return null;
  return parsed.number;
}

let zones: Set<string> | undefined;
/** The IANA time zones this runtime knows, plus UTC. */
export function timeZones(): Set<string> {
  if (!zones) zones = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC', 'Etc/UTC']);
  return zones;
}

export function isTimeZone(tz: string): boolean {
  return timeZones().has(tz);
}
