import type { Hono } from 'hono';
import { createCollection, type Row } from '../../../../core/collection.js';
import type { Context } from '../../../../core/context.js';
import { defined } from '../../../../core/defined.js';
import { toIsoSeconds } from '../../../../core/clock.js';
import { newSid } from '../../../../core/ids.js';
import { readForm } from '../../common/app.js';
import type { TwilioEnv } from '../../common/auth.js';
import { requireRow } from '../../common/resource.js';
import { publicOrigin } from '../../../hosts.js';
import { toPageJson } from '../../common/page.js';
import { VERIFY_PATHS } from '../paths.js';
import { VERIFY_WEBHOOKS } from '../webhooks/model.js';
import { VERIFY_MESSAGING_CONFIGURATIONS } from '../messaging-configurations/model.js';
import { VERIFY_BUCKETS, VERIFY_RATE_LIMIT_HITS, VERIFY_RATE_LIMITS } from '../rate-limits/model.js';
import { VERIFY_VERIFICATIONS } from '../verifications/model.js';

const SERVICE_CHILDREN = [VERIFY_WEBHOOKS, VERIFY_VERIFICATIONS, VERIFY_RATE_LIMITS, VERIFY_BUCKETS, VERIFY_RATE_LIMIT_HITS, VERIFY_MESSAGING_CONFIGURATIONS];
import { NO_PASSKEYS, VERIFY_SERVICES, type VerifyService } from './model.js';
import { parseServiceParams, toServiceJson, type ServiceParams } from './serialize.js';


function applyParams(s: VerifyService, p: ServiceParams): VerifyService {
  const { push, totp, whatsapp, passkeys, ...flat } = p;
  return {
    ...s,
    ...defined(flat),
    push: { ...s.push, ...defined(push) },
    totp: { ...s.totp, ...defined(totp) },
    whatsapp: { ...s.whatsapp, ...defined(whatsapp) },
    // Services stored before passkeys existed have none.
    passkeys: { ...NO_PASSKEYS, ...s.passkeys, ...defined(passkeys) },
  } as VerifyService;
}

/** A new service: Twilio's defaults where a parameter is absent (one literal: the create's hot path). */
function newService(p: ServiceParams, sid: string, accountSid: string, now: string): VerifyService {
  const { push, totp, whatsapp, passkeys: pk } = p;
  return {
    sid,
    accountSid,
    friendlyName: p.friendlyName ?? '',
    codeLength: p.codeLength ?? 6,
    lookupEnabled: p.lookupEnabled ?? false,
    psd2Enabled: p.psd2Enabled ?? false,
    skipSmsToLandlines: p.skipSmsToLandlines ?? false,
    dtmfInputRequired: p.dtmfInputRequired ?? false,
    ttsName: p.ttsName ?? null,
    doNotShareWarningEnabled: p.doNotShareWarningEnabled ?? false,
    customCodeEnabled: p.customCodeEnabled ?? false,
    verifyEventSubscriptionEnabled: p.verifyEventSubscriptionEnabled ?? false,
    push: { includeDate: push.includeDate ?? false, apnCredentialSid: push.apnCredentialSid ?? null, fcmCredentialSid: push.fcmCredentialSid ?? null },
    // The TOTP issuer defaults to the service's name.
    totp: { issuer: totp.issuer ?? p.friendlyName ?? null, timeStep: totp.timeStep ?? 30, codeLength: totp.codeLength ?? 6, skew: totp.skew ?? 1 },
    defaultTemplateSid: p.defaultTemplateSid ?? null,
    whatsapp: { msgServiceSid: whatsapp.msgServiceSid ?? null, from: whatsapp.from ?? null },
    passkeys: {
      relyingPartyId: pk.relyingPartyId ?? null,
      relyingPartyName: pk.relyingPartyName ?? null,
      relyingPartyOrigins: pk.relyingPartyOrigins ?? [],
      authenticatorAttachment: pk.authenticatorAttachment ?? null,
      discoverableCredentials: pk.discoverableCredentials ?? null,
      userVerification: pk.userVerification ?? null,
    },
    dateCreated: now,
    dateUpdated: now,
  };
}

/** Finds a service of the account or throws 20404, as Twilio does for unknown and malformed SIDs. */
export function requireService(ctx: Context, accountSid: string, sid: string): VerifyService {
  return requireRow(createCollection<VerifyService>(ctx.store, VERIFY_SERVICES), accountSid, sid, 'verifyService', `/Services/${sid}`);
}

/**
 * Verify Services: createService, listService, fetchService, updateService, deleteService.
 * @see https://www.twilio.com/docs/verify/api/service
 */
export function routeServices(app: Hono<TwilioEnv>, ctx: Context): void {
  const services = createCollection<VerifyService>(ctx.store, VERIFY_SERVICES);

  app.post(VERIFY_PATHS.services, async function createService(c) {
    const p = parseServiceParams(await readForm(c), true);
    const now = toIsoSeconds(ctx.clock.now());
    const row = services.insert(c.get('accountSid'), newService(p, newSid(ctx.random, 'verifyService'), c.get('accountSid'), now));
    await ctx.store.commit();
    return c.json(toServiceJson(row, publicOrigin(c)), 201);
  });

  app.get(VERIFY_PATHS.services, function listService(c) {
    const origin = publicOrigin(c);
    return c.json(toPageJson(c, 'services', services.list(c.get('accountSid')), (s) => toServiceJson(s, origin)));
  });

  app.get(VERIFY_PATHS.service, function fetchService(c) {
    return c.json(toServiceJson(requireService(ctx, c.get('accountSid'), c.req.param('Sid')), publicOrigin(c)));
  });

  app.post(VERIFY_PATHS.service, async function updateService(c) {
    const form = await readForm(c);
    const s = requireService(ctx, c.get('accountSid'), c.req.param('Sid'));
    const p = parseServiceParams(form, false);
    const row = services.replace(c.get('accountSid'), { ...applyParams(s, p), dateUpdated: toIsoSeconds(ctx.clock.now()) });
    await ctx.store.commit();
    return c.json(toServiceJson(row, publicOrigin(c)));
  });

  app.delete(VERIFY_PATHS.service, async function deleteService(c) {
    const s = requireService(ctx, c.get('accountSid'), c.req.param('Sid'));
    services.remove(c.get('accountSid'), s.sid);
    // What lives under the service goes with it; Attempts (account-level history) stay.
    for (const table of SERVICE_CHILDREN) createCollection<Row & { serviceSid: string }>(ctx.store, table).removeWhere(c.get('accountSid'), (r) => r.serviceSid === s.sid);
    await ctx.store.commit();
    return c.body(null, 204);
  });
}
