import { createHash } from 'node:crypto';

export interface TemplateTranslation {
  locale: string;
  text: string;
  isDefault: boolean;
}

/** A message template, as `GET /v2/Templates` lists it; the same for every account. */
export interface Template {
  sid: string;
  friendlyName: string;
  channels: ('sms' | 'voice')[];
  translations: TemplateTranslation[];
}

/** A stable SID for a built-in template, the same on every run and seed (so tests can name one). */
const templateSid = (name: string) => 'HJ' + createHash('sha256').update(`hookyard template ${name}`).digest('hex').slice(0, 32);

const DEFAULT_TEXT: Record<string, string> = {
  en: 'Your {{friendly_name}} verification code is: {{code}}',
  es: 'Tu código de verificación de {{friendly_name}} es: {{code}}',
  fr: 'Votre code de vérification {{friendly_name}} est : {{code}}',
  de: 'Ihr {{friendly_name}}-Bestätigungscode lautet: {{code}}',
  it: 'Il tuo codice di verifica {{friendly_name}} è: {{code}}',
  pt: 'O seu código de verificação {{friendly_name}} é: {{code}}',
  'pt-br': 'Seu código de verificação do {{friendly_name}} é: {{code}}',
  nl: 'Uw {{friendly_name}}-verificatiecode is: {{code}}',
};

const DO_NOT_SHARE: Record<string, string> = {
  en: '. Don’t share this code with anyone; our employees will never ask for the code.',
  es: '. No compartas este código con nadie; nuestros empleados nunca te lo pedirán.',
};

const translations = (texts: Record<string, string>) => Object.entries(texts).map(([locale, text]) => ({ locale, text, isDefault: locale === 'en' }));

/**
 * hookyard's built-in templates, in Twilio's wording where its docs show it (the spec's examples), and
 * plausible wording otherwise. Real accounts see Twilio's own list; these stand in for it.
 * @see https://www.twilio.com/docs/verify/api/templates
 */
export const TEMPLATES: readonly Template[] = [
  { name: 'Base Verification Template', channels: ['sms', 'voice'], texts: DEFAULT_TEXT },
  {
    name: 'Base Verification Template with do not share',
    channels: ['sms'],
    texts: Object.fromEntries(Object.entries(DEFAULT_TEXT).map(([l, t]) => [l, t + (DO_NOT_SHARE[l] ?? DO_NOT_SHARE['en']!)])),
  },
  { name: 'Base Verification Template 3', channels: ['sms', 'voice'], texts: { en: 'Your verification code is: {{code}}. Do not share it.' } },
  { name: 'Short Code Template', channels: ['sms'], texts: { en: '{{code}} is your {{friendly_name}} code' } },
].map((t) => ({ sid: templateSid(t.name), friendlyName: t.name, channels: t.channels as Template['channels'], translations: translations(t.texts) }));

export const DEFAULT_TEMPLATE = TEMPLATES[0]!;
export const DO_NOT_SHARE_TEMPLATE = TEMPLATES[1]!;

export const findTemplate = (sid: string) => TEMPLATES.find((t) => t.sid === sid);

/** The translation for `locale` (`pt-BR` → `pt-br`, else `pt`), else the template's default one. */
export function translationFor(t: Template, locale: string | undefined): TemplateTranslation {
  const l = locale?.toLowerCase();
  return t.translations.find((x) => x.locale === l) ?? t.translations.find((x) => x.locale === l?.split('-')[0]) ?? t.translations.find((x) => x.isDefault)!;
}
