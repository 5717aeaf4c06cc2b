/**
 * Telephone numbers as publishers type them in China, reduced to one canonical spelling so that
 * equal numbers compare equal and a normalized value normalizes to itself (imports round-trip).
 *
 *   mobile      138 0013 8000, +86 138-0013-8000, 0086…  → +8613800138000
 *   landline    010-12345678, (0755) 8888 8888 转 123      → 010-12345678, 0755-88888888-123
 *   400/800     400 123 4567                              → 400-123-4567
 *   95xxx       95588, 95588 转 1                            → 95588, 95588-1
 *   elsewhere   +44 20 7946 0958 (E.164)                  → +442079460958
 */

const SEPARATORS = /[\s\-()（）.]/g;
const MOBILE = /^(?:\+86|0086|86)?(1[3-9]\d{9})$/;
const SERVICE_NUMBER = /^([48]00)(\d{3})(\d{4})$/;
// Companies' nationwide customer-service numbers: 95 and three or four digits (95588, 955xx), with an
// optional sub-line (95588-1, 95588 转 1). Carriers' and the state's hotlines (10086, 12345) are not
// a publisher's number.
const SHORT_NUMBER = /^(95\d{3,4})(?:(?:-|转|ext\.?|x|#)(\d{1,4}))?$/i;
const INTERNATIONAL = /^(?:\+|00)([1-9]\d{7,14})$/;
// Area codes are 010, 02X, or 0 + three digits; local numbers have 7 or 8 digits.
const LANDLINE = /^(?:(?:\+86|0086|86)0?|0)(10|2\d|[3-9]\d{2})(\d{7,8})$/;
// An extension named as such (转 123, ext 123, x123, #123)…
const NAMED_EXTENSION = /^(.*?)\s*(?:转|ext\.?|x|#)\s*(\d{1,6})$/i;
// …or a third dash-separated group after area code and local number, as in our own 0755-88888888-123.
const DASHED_EXTENSION = /^(\(?0\d{2,3}\)?[\s-]*\d{3,4}[\s-]?\d{4})\s*-\s*(\d{1,6})$/;

/** The canonical spelling of a phone number, or undefined when it is not one we accept. */
export function normalizePhone(input: string): string | undefined {
  const trimmed = input.trim();
  if (trimmed.length === 0 || trimmed.length > 40) return undefined;
  const compact = trimmed.replace(SEPARATORS, '');

  const mobile = MOBILE.exec(compact);
  if (mobile) return `+86${mobile[1]}`;

  const service = SERVICE_NUMBER.exec(compact);
  if (service) return `${service[1]}-${service[2]}-${service[3]}`;

  const short = SHORT_NUMBER.exec(trimmed.replace(/[\s()（）.]/g, ''));
  if (short) return short[2] ? `${short[1]}-${short[2]}` : short[1];

  const landline = normalizeLandlineWithExtension(trimmed) ?? normalizeLandline(compact);
  if (landline) return landline;

  const international = INTERNATIONAL.exec(compact);
  if (international && !international[1]!.startsWith('86')) return `+${international[1]}`;
  return undefined;
}

/** Why a text is not a phone number we accept: a locale key and the count its message names. */
export function phoneProblem(input: string): { key: string; params?: Record<string, number> } {
  const compact = input.trim().replace(SEPARATORS, '').replace(/^(?:\+86|0086)/, '');
  const digits = compact.replace(/\D/g, '').length;
  if (digits === 0) return { key: 'validation.phoneNoDigits' };
  if (!/^\+?\d+$/.test(compact)) return { key: 'validation.phoneCharacters' };
  if (compact.startsWith('+')) return { key: 'validation.phoneInternational', params: { digits } };
  if (compact.startsWith('1') && digits !== 11) return { key: 'validation.phoneMobileLength', params: { digits } };
  if (compact.startsWith('1') && digits === 11) return { key: 'validation.phoneMobilePrefix' };
  if (compact.startsWith('0')) return { key: 'validation.phoneLandline', params: { digits } };
  if (/^[48]00/.test(compact)) return { key: 'validation.phoneServiceLength', params: { digits } };
  if (compact.startsWith('95')) return { key: 'validation.phoneShortLength', params: { digits } };
  // 2–9 and no area code: a local landline number typed without it.
  return { key: 'validation.phoneLandline', params: { digits } };
}

function normalizeLandline(compact: string): string | undefined {
  const match = LANDLINE.exec(compact);
  return match ? `0${match[1]}-${match[2]}` : undefined;
}

// A dash is also a digit-group separator, so the extension is split off the original text before
// separators are removed: 021-1234567-8 is number 1234567 with extension 8, not 12345678.
function normalizeLandlineWithExtension(trimmed: string): string | undefined {
  const match = NAMED_EXTENSION.exec(trimmed) ?? DASHED_EXTENSION.exec(trimmed);
  if (!match) return undefined;
  const base = normalizeLandline(match[1]!.replace(SEPARATORS, ''));
  return base ? `${base}-${match[2]}` : undefined;
}

/**
 * A canonical phone number with its middle hidden, for showing back in chat:
 * +8613800138000 → 138****8000, 0755-88888888-123 → 0755-****8888.
 */
export function maskPhone(phone: string): string {
  const landline = /^(0\d{2,3})-(\d{7,8})/.exec(phone);
  if (landline) return `${landline[1]}-****${landline[2]!.slice(-4)}`;
  const digits = phone.startsWith('+86') ? phone.slice(3) : phone;
  if (digits.length < 8) return '****';
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}
