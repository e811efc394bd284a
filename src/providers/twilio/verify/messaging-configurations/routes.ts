import type { Hono } from 'hono';
import { toIsoSeconds } from '../../../../core/clock.js';
import { createCollection } from '../../../../core/collection.js';
import type { Context } from '../../../../core/context.js';
import { isSid } from '../../../../core/ids.js';
import { publicOrigin } from '../../../hosts.js';
import { readForm } from '../../common/app.js';
import type { TwilioEnv } from '../../common/auth.js';
import { toPageJson } from '../../common/page.js';
import { str, type Form } from '../../common/params.js';
import { verifyError, verifyInvalid, verifyNotFound } from '../errors.js';
import { VERIFY_PATHS } from '../paths.js';
import { requireService } from '../services/routes.js';
import { CONFIGS_BY_SERVICE, VERIFY_MESSAGING_CONFIGURATIONS, type MessagingConfiguration } from './model.js';

/** Model → `verify.v2.service.messaging_configuration` JSON. */
const toJson = (m: MessagingConfiguration, origin: string) => ({
  account_sid: m.accountSid,
  service_sid: m.serviceSid,
  country: m.country,
  messaging_service_sid: m.messagingServiceSid,
  date_created: m.dateCreated,
  date_updated: m.dateUpdated,
  url: `${origin}/v2/Services/${m.serviceSid}/MessagingConfigurations/${m.country}`,
});

const key = (serviceSid: string, country: string) => `${serviceSid}:${country}`;

/** `CA`, `ca` → `CA`; `all` stays `all`. */
function parseCountry(value: string | undefined): string {
  if (value === undefined || !(/^[A-Za-z]{2}$/.test(value) || value.toLowerCase() === 'all')) throw verifyInvalid('Country', 'must be an ISO-3166-1 alpha-2 country code or all');
  return value.toLowerCase() === 'all' ? 'all' : value.toUpperCase();
}

function parseMessagingServiceSid(form: Form): string {
  const v = str(form, 'MessagingServiceSid', { required: true })!;
  if (!isSid(v, 'messagingService')) throw verifyInvalid('MessagingServiceSid', `${v} is not a Messaging Service SID (MG…)`);
  return v;
}

/** The Messaging Service a Service's SMS to `country` goes through, if one is configured. */
export function messagingServiceFor(ctx: Context, accountSid: string, serviceSid: string, country: string | undefined): string | undefined {
  const configs = createCollection<MessagingConfiguration>(ctx.store, VERIFY_MESSAGING_CONFIGURATIONS);
  return (country === undefined ? undefined : configs.get(accountSid, key(serviceSid, country)))?.messagingServiceSid ?? configs.get(accountSid, key(serviceSid, 'all'))?.messagingServiceSid;
}

/**
 * Messaging Configurations: per-country Messaging Services for a Service's SMS, addressed by country.
 * A second configuration for a country is 400 / 60213, as Twilio documents.
 * @see https://www.twilio.com/docs/verify/api/verify-messaging-configuration
 */
export function routeMessagingConfigurations(app: Hono<TwilioEnv>, ctx: Context): void {
  const configs = createCollection<MessagingConfiguration>(ctx.store, VERIFY_MESSAGING_CONFIGURATIONS);
  const requireConfig = (accountSid: string, serviceSid: string, country: string) => {
    requireService(ctx, accountSid, serviceSid);
    const m = configs.get(accountSid, key(serviceSid, country.toLowerCase() === 'all' ? 'all' : country.toUpperCase()));
    if (!m) throw verifyNotFound(`/Services/${serviceSid}/MessagingConfigurations/${country}`);
    return m;
  };

  app.post(VERIFY_PATHS.messagingConfigurations, async function createMessagingConfiguration(c) {
    const form = await readForm(c);
    const service = requireService(ctx, c.get('accountSid'), c.req.param('ServiceSid'));
    const country = parseCountry(str(form, 'Country', { required: true }));
    const messagingServiceSid = parseMessagingServiceSid(form);
    if (configs.get(c.get('accountSid'), key(service.sid, country))) throw verifyError(400, 60213, 'A Messaging Configuration already exists for the given country', 'Country');
    const now = toIsoSeconds(ctx.clock.now());
    const row = configs.insert(c.get('accountSid'), { sid: key(service.sid, country), accountSid: c.get('accountSid'), serviceSid: service.sid, country, messagingServiceSid, dateCreated: now, dateUpdated: now });
    await ctx.store.commit();
    return c.json(toJson(row, publicOrigin(c)), 201);
  });

  app.get(VERIFY_PATHS.messagingConfigurations, function listMessagingConfiguration(c) {
    const service = requireService(ctx, c.get('accountSid'), c.req.param('ServiceSid'));
    const origin = publicOrigin(c);
    return c.json(toPageJson(c, 'messaging_configurations', configs.by(c.get('accountSid'), CONFIGS_BY_SERVICE, service.sid), (m) => toJson(m, origin)));
  });

  app.get(VERIFY_PATHS.messagingConfiguration, function fetchMessagingConfiguration(c) {
    return c.json(toJson(requireConfig(c.get('accountSid'), c.req.param('ServiceSid'), c.req.param('Country')), publicOrigin(c)));
  });

  app.post(VERIFY_PATHS.messagingConfiguration, async function updateMessagingConfiguration(c) {
    const form = await readForm(c);
    const m = requireConfig(c.get('accountSid'), c.req.param('ServiceSid'), c.req.param('Country'));
    const messagingServiceSid = parseMessagingServiceSid(form);
    const row = configs.replace(c.get('accountSid'), { ...m, messagingServiceSid, dateUpdated: toIsoSeconds(ctx.clock.now()) });
    await ctx.store.commit();
    return c.json(toJson(row, publicOrigin(c)));
  });

  app.delete(VERIFY_PATHS.messagingConfiguration, async function deleteMessagingConfiguration(c) {
    const m = requireConfig(c.get('accountSid'), c.req.param('ServiceSid'), c.req.param('Country'));
    configs.remove(c.get('accountSid'), m.sid);
    await ctx.store.commit();
    return c.body(null, 204);
  });
}
