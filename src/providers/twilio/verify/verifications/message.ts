import type { VerifyService } from '../services/model.js';
import { DEFAULT_TEMPLATE, DO_NOT_SHARE_TEMPLATE, translationFor, type Template } from '../templates/catalog.js';
import type { Channel } from './model.js';

/**
 * The locales Verify translates into. @see https://www.twilio.com/docs/verify/supported-languages
 */
export const SUPPORTED_LOCALES = new Set(
  'af ar ca zh zh-cn zh-hk hr cs da nl en en-gb et fi fr de el he hi hu id it ja kn ko lt ms mr nb pl pt pt-br ro ru sk es sv tl te th tr uk vi'.split(' '),
);

export interface MessageInput {
  service: VerifyService;
  channel: Channel;
  code: string;
  locale: string;
  customFriendlyName: string | null;
  template: Template | undefined;
  appHash: string | undefined;
}

/**
 * What the user would receive, in the Service's wording: its (or the custom) friendly name, the chosen
 * template or the Service's default one, the "do not share" variant when enabled, the Android app hash.
 * A call reads the digits one by one. The wording is hookyard's where Twilio does not publish it.
 */
export function composeMessage(m: MessageInput): string {
  const name = m.customFriendlyName ?? m.service.friendlyName;
  if (m.channel === 'call') return `Your ${name} verification code is: ${m.code.split('').join(', ')}.`;
  if (m.channel === 'sna') return `Silent Network Auth for ${name}: no message is sent; the device opens the SNA URL.`;
  const template = m.template ?? (m.service.doNotShareWarningEnabled ? DO_NOT_SHARE_TEMPLATE : DEFAULT_TEMPLATE);
  const text = translationFor(template, m.locale).text.replaceAll('{{friendly_name}}', name).replaceAll('{{code}}', m.code);
  return m.appHash && m.channel === 'sms' ? `${text}\n\n${m.appHash}` : text;
}
