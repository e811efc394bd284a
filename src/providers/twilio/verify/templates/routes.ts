import type { Hono } from 'hono';
import type { Context } from '../../../../core/context.js';
import type { TwilioEnv } from '../../common/auth.js';
import { toPageJson } from '../../common/page.js';
import { VERIFY_PATHS } from '../paths.js';
import { TEMPLATES, type Template } from './catalog.js';

/** When the built-in templates were "approved": fixed, with the nanoseconds Twilio's template dates carry. */
const TEMPLATE_DATE = '2021-07-29T20:38:28.165602325Z';

const toTemplateJson = (t: Template, accountSid: string) => ({
  sid: t.sid,
  account_sid: accountSid,
  friendly_name: t.friendlyName,
  channels: t.channels,
  translations: Object.fromEntries(
    t.translations.map((x) => [x.locale, { is_default_translation: x.isDefault, status: 'approved', locale: x.locale, text: x.text, date_updated: TEMPLATE_DATE, date_created: TEMPLATE_DATE }]),
  ),
});

/**
 * `ListVerificationTemplate`: the account's message templates, filtered by `FriendlyName` (a
 * case-insensitive substring match: hookyard's reading of "templates with a given friendly name").
 * @see https://www.twilio.com/docs/verify/api/templates
 */
export function routeTemplates(app: Hono<TwilioEnv>, _ctx: Context): void {
  app.get(VERIFY_PATHS.templates, function listVerificationTemplate(c) {
    const name = c.req.query('FriendlyName');
    const rows = TEMPLATES.filter((t) => name === undefined || t.friendlyName.toLowerCase().includes(name.toLowerCase())).map((t, i) => ({ ...t, _seq: i + 1 }));
    return c.json(toPageJson(c, 'templates', rows, (t) => toTemplateJson(t, c.get('accountSid')), { FriendlyName: name }));
  });
}
