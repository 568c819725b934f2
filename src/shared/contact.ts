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

/** An IANA name (Area/Location, also a link such as Asia/Kolkata or Europe/Kyiv that browsers report), or UTC. */
const IANA_NAME = /^[A-Za-z][A-Za-z_-]*(\/[A-Za-z0-9_+-]+){1,2}$/;

/**
 * Whether `tz` names an IANA time zone this runtime can compute with. The runtime's own list holds
 * only its canonical names (Node 20: Asia/Calcutta, Europe/Kiev), so other valid names are checked
 * with Intl itself; abbreviations and offsets (EST, +01:00) are not IANA names and are refused.
 */
export function isTimeZone(tz: string): boolean {
  if (timeZones().has(tz)) return true;
  if (!IANA_NAME.test(tz)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
