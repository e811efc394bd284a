/** What hookyard knows of a destination phone number. */
export interface PhoneInfo {
  country: string | null;
  /** libphonenumber's type: `MOBILE`, `FIXED_LINE`, `FIXED_LINE_OR_MOBILE`, `VOIP`, … */
  type: string | undefined;
}

type Lib = typeof import('libphonenumber-js/max');
let lib: Promise<Lib> | undefined;

/**
 * Whether `to` is a valid E.164 number, by libphonenumber's full metadata (what Google's and Twilio's
 * Lookup use): fictional ranges such as +1 555 01xx or the UK's drama numbers are invalid, as on Twilio.
 * The library loads on the first verification, not at start-up.
 */
export async function lookupPhone(to: string): Promise<PhoneInfo | undefined> {
  if (!/^\+[1-9]\d{1,14}$/.test(to)) return undefined;
  const { parsePhoneNumberFromString } = await (lib ??= import('libphonenumber-js/max'));
  const p = parsePhoneNumberFromString(to);
  if (!p || !p.isValid()) return undefined;
  return { country: p.country ?? null, type: p.getType() };
}

/** One real carrier per common country, so attempts and lookups read plausibly; a generic one elsewhere. */
const CARRIERS: Record<string, { mcc: string; mnc: string; name: string }> = {
  US: { mcc: '310', mnc: '260', name: 'T-Mobile USA, Inc.' },
  CA: { mcc: '302', mnc: '720', name: 'Rogers Wireless' },
  GB: { mcc: '234', mnc: '15', name: 'Vodafone UK' },
  DE: { mcc: '262', mnc: '01', name: 'Telekom Deutschland GmbH' },
  FR: { mcc: '208', mnc: '01', name: 'Orange' },
  ES: { mcc: '214', mnc: '07', name: 'Movistar' },
  IT: { mcc: '222', mnc: '10', name: 'Vodafone Italia' },
  NL: { mcc: '204', mnc: '08', name: 'KPN Mobile' },
  BR: { mcc: '724', mnc: '05', name: 'Claro' },
  MX: { mcc: '334', mnc: '020', name: 'Telcel' },
  CO: { mcc: '732', mnc: '103', name: 'Colombia Movil (Tigo)' },
  IN: { mcc: '404', mnc: '45', name: 'Airtel' },
  AU: { mcc: '505', mnc: '01', name: 'Telstra' },
  JP: { mcc: '440', mnc: '10', name: 'NTT DOCOMO' },
};

export const carrierFor = (country: string | null) => (country ? (CARRIERS[country] ?? { mcc: '001', mnc: '01', name: 'Mobile Carrier' }) : null);

/** The language a number's country resolves to, as Verify does when no `Locale` is given (else `en`). */
const COUNTRY_LOCALE: Record<string, string> = { ES: 'es', MX: 'es', CO: 'es', AR: 'es', CL: 'es', PE: 'es', FR: 'fr', DE: 'de', AT: 'de', IT: 'it', PT: 'pt', BR: 'pt-br', NL: 'nl' };

export const localeFor = (country: string | null) => (country ? (COUNTRY_LOCALE[country] ?? 'en') : 'en');

/** `lookup` on a verification when the Service has `lookup_enabled`. */
export function lookupJson(info: PhoneInfo | undefined) {
  const carrier = carrierFor(info?.country ?? null);
  if (!info || !carrier) return {};
  const type = info.type === 'FIXED_LINE' ? 'landline' : info.type === 'VOIP' ? 'voip' : 'mobile';
  return { carrier: { mobile_country_code: carrier.mcc, type, error_code: null, mobile_network_code: carrier.mnc, name: carrier.name } };
}
