import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * Normalises a phone number to E.164, reading numbers without a country code as Swedish
 * (`070-123 45 67` → `+46701234567`). Returns null unless it is a valid number that can receive SMS.
 */
export function normalisePhone(input: string): string | null {
  if (!/^[\d\s()+\-.]{5,30}$/.test(input.trim())) return null;
  const parsed = parsePhoneNumberFromString(input.trim(), 'SE');
  if (!parsed || !parsed.isValid()) return null;
  const type = parsed.getType();
  if (type !== undefined && type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') return null;
  return parsed.number;
}
