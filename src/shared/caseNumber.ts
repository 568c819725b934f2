/** Case numbers are 8 digits with leading zeros, e.g. `00012345` (SPEC §2). */
export const CASE_NUMBER_PATTERN = /^\d{8}$/;

export function formatCaseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99_999_999) throw new RangeError(`case number out of range: ${n}`);
  return String(n).padStart(8, '0');
}
