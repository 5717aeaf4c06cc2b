/**
 * Telephone numbers as publishers type them in China, reduced to one canonical spelling so that
 * equal numbers compare equal and a normalized value normalizes to itself (imports round-trip).
 *
 *   mobile      138 0013 8000, +86 138-0013-8000, 0086…  → +8613800138000
 *   landline    010-12345678, (0755) 8888 8888 转 123      → 010-12345678, 0755-88888888-123
 *   400/800     400 123 4567                              → 400-123-4567
 *   elsewhere   +44 20 7946 0958 (E.164)                  → +442079460958
 */

const SEPARATORS = /[\s\-()（）.]/g;
const MOBILE = /^(?:\+86|0086|86)?(1[3-9]\d{9})$/;
const SERVICE_NUMBER = /^([48]00)(\d{3})(\d{4})$/;
const INTERNATIONAL = /^(?:\+|00)([1-9]\d{7,14})$/;
// Area codes are 010, 02X, or 0 + three digits; local numbers have 7 or 8 digits.
const LANDLINE = /^(?:(?:\+86|0086|86)0?|0)(10|2\d|[3-9]\d{2})(\d{7,8})$/;
const EXTENSION = /^(.*?)\s*(?:转|ext\.?|x|#|-)\s*(\d{1,6})$/i;

/** The canonical spelling of a phone number, or undefined when it is not one we accept. */
export function normalizePhone(input: string): string | undefined {
  const trimmed = input.trim();
  if (trimmed.length === 0 || trimmed.length > 40) return undefined;
  const compact = trimmed.replace(SEPARATORS, '');

  const mobile = MOBILE.exec(compact);
  if (mobile) return `+86${mobile[1]}`;

  const service = SERVICE_NUMBER.exec(compact);
  if (service) return `${service[1]}-${service[2]}-${service[3]}`;

  const landline = normalizeLandline(compact) ?? normalizeLandlineWithExtension(trimmed);
  if (landline) return landline;

  const international = INTERNATIONAL.exec(compact);
  if (international && !international[1]!.startsWith('86')) return `+${international[1]}`;
  return undefined;
}

function normalizeLandline(compact: string): string | undefined {
  const match = LANDLINE.exec(compact);
  return match ? `0${match[1]}-${match[2]}` : undefined;
}

// The extension separator may be a dash, which is also a digit-group separator: split it off
// from the original text first, then normalize what precedes it.
function normalizeLandlineWithExtension(trimmed: string): string | undefined {
  const match = EXTENSION.exec(trimmed);
  if (!match) return undefined;
  const base = normalizeLandline(match[1]!.replace(SEPARATORS, ''));
  return base ? `${base}-${match[2]}` : undefined;
}

/** A phone number with its middle hidden, for showing back in chat: +8613800138000 → 138****8000. */
export function maskPhone(phone: string): string {
  const digits = phone.startsWith('+86') ? phone.slice(3) : phone;
  if (digits.length < 7) return '****';
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}
