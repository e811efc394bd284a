import type { Context as HonoContext, Hono } from 'hono';
import { toIsoSeconds } from '../../../../core/clock.js';
import { createCollection } from '../../../../core/collection.js';
import type { Context } from '../../../../core/context.js';
import { invalidParam } from '../../../../core/errors.js';
import { isSid, newSid } from '../../../../core/ids.js';
import { publicOrigin } from '../../../hosts.js';
import type { TwilioEnv } from '../../common/auth.js';
import { VERIFY_CHALLENGES, type Challenge } from '../challenges/model.js';
import { settle } from '../challenges/respond.js';
import { toChallengeJson } from '../challenges/serialize.js';
import { ensureEntity, parseIdentity, requireEntity } from '../entities/store.js';
import { verifyError } from '../errors.js';
import { FACTORS_BY_TYPE, type Factor, type PasskeysConfig } from '../factors/model.js';
import { toFactorJson, toNewFactorJson } from '../factors/serialize.js';
import { factorsOf } from '../factors/store.js';
import { VERIFY_PATHS } from '../paths.js';
import { emitPushEvent } from '../push/events.js';
import { requireService } from '../services/routes.js';
import { resolveCriteria, type PasskeysConfigJson } from './criteria.js';
import { authenticationOptions, registrationOptions, signedChallenge, verifyAssertion, verifyRegistration } from './webauthn.js';

/** The four Passkeys operations take JSON, not forms. */
async function readJson(c: HonoContext): Promise<Record<string, unknown>> {
  const body = (await c.req.json().catch(() => undefined)) as unknown;
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalidParam('body', 'The body must be a JSON object');
  return body as Record<string, unknown>;
}

/** A passkey challenge on the wire: no expiry, details or links; `url` names the operation it came from. */
function passkeyChallengeJson(ch: Challenge, origin: string, operation: 'Challenges' | 'ApproveChallenge', options: unknown) {
  return { ...toChallengeJson(ch, origin), expiration_date: null, links: null, url: `${origin}/v2/Services/${ch.serviceSid}/Passkeys/${operation}`, options: { publicKey: options } };
}

/**
 * Passkeys (WebAuthn, verified for real with @simplewebauthn/server): createNewFactorPasskey (creation
 * options out), updatePasskeysFactor (the attestation in; the factor is found by the challenge inside
 * `clientDataJSON`, which is its SID), createChallengePasskeys (request options out; discoverable when no
 * identity is given), updateChallengePasskeys (the assertion in, signature and counter checked).
 * @see https://www.twilio.com/docs/verify/api/passkeys-factor
 */
export function routePasskeys(app: Hono<TwilioEnv>, ctx: Context): void {
  const challenges = createCollection<Challenge>(ctx.store, VERIFY_CHALLENGES);
  const passkeyFactors = (accountSid: string, serviceSid: string) => factorsOf(ctx).by(accountSid, FACTORS_BY_TYPE, `${serviceSid} passkeys`);

  app.post(VERIFY_PATHS.passkeyFactors, async function createNewFactorPasskey(c) {
    const service = requireService(ctx, c.get('accountSid'), c.req.param('ServiceSid'));
    const body = await readJson(c);
    if (typeof body['friendly_name'] !== 'string' || body['friendly_name'] === '') throw invalidParam('friendly_name', 'friendly_name is required');
    const identity = parseIdentity(typeof body['identity'] === 'string' ? body['identity'] : undefined);
    const config = resolveCriteria(service, body['config'] as PasskeysConfigJson | undefined);
    const entity = ensureEntity(ctx, c.get('accountSid'), service.sid, identity);
    const now = toIsoSeconds(ctx.clock.now());
    const sid = newSid(ctx.random, 'verifyFactor');
    const factor = factorsOf(ctx).insert(c.get('accountSid'), {
      sid, accountSid: c.get('accountSid'), serviceSid: service.sid, entitySid: entity.sid, identity: entity.identity, friendlyName: body['friendly_name'], factorType: 'passkeys', status: 'unverified',
      binding: { kind: 'passkeys', challenge: Buffer.from(sid).toString('base64url'), credentialId: null, publicKey: null, counter: 0 }, config, metadata: null, failedVerifications: 0, dateCreated: now, dateUpdated: now,
    });
    const options = await registrationOptions(factor, config);
    emitPushEvent(ctx, 'factor.created', factor);
    await ctx.store.commit();
    return c.json(toNewFactorJson(factor, publicOrigin(c), null, { publicKey: options }), 201);
  });

  app.post(VERIFY_PATHS.passkeyVerifyFactor, async function updatePasskeysFactor(c) {
    const service = requireService(ctx, c.get('accountSid'), c.req.param('ServiceSid'));
    const body = await readJson(c);
    const sid = signedChallenge((body['response'] as { clientDataJSON?: unknown } | undefined)?.clientDataJSON);
    const factor = sid && isSid(sid, 'verifyFactor') ? factorsOf(ctx).get(c.get('accountSid'), sid) : undefined;
    if (!factor || factor.serviceSid !== service.sid || factor.factorType !== 'passkeys') throw verifyError(404, 60390, 'No passkey factor of this Service issued the challenge in clientDataJSON');
    if (factor.status === 'verified') return c.json(toFactorJson(factor, publicOrigin(c)));
    const result = await verifyRegistration(factor, factor.config as PasskeysConfig, body);
    if ('error' in result) throw verifyError(403, 60311, `Factor verification failed: ${result.error}`);
    const row = factorsOf(ctx).replace(factor.accountSid, { ...factor, status: 'verified', binding: { kind: 'passkeys', challenge: '', credentialId: result.credentialId, publicKey: result.publicKey, counter: 0 }, dateUpdated: toIsoSeconds(ctx.clock.now()) });
    emitPushEvent(ctx, 'factor.verified', row);
    await ctx.store.commit();
    return c.json(toFactorJson(row, publicOrigin(c)));
  });

  app.post(VERIFY_PATHS.passkeyChallenges, async function createChallengePasskeys(c) {
    const service = requireService(ctx, c.get('accountSid'), c.req.param('ServiceSid'));
    const body = await readJson(c);
    const identity = typeof body['identity'] === 'string' && body['identity'] !== '' ? body['identity'] : undefined;
    const entity = identity === undefined ? undefined : requireEntity(ctx, c.get('accountSid'), service.sid, identity);
    const candidates = passkeyFactors(c.get('accountSid'), service.sid).filter((f) => f.status === 'verified' && (!entity || f.entitySid === entity.sid) && (body['factor_sid'] === undefined || f.sid === body['factor_sid']));
    if (entity && candidates.length === 0) throw verifyError(404, 60390, `Entity ${identity} has no verified passkey factor${body['factor_sid'] ? ` ${String(body['factor_sid'])}` : ''}`);
    const config = candidates[0]?.config as PasskeysConfig | undefined ?? resolveCriteria(service, undefined);
    const now = ctx.clock.now();
    const sid = newSid(ctx.random, 'verifyChallenge');
    const only = body['factor_sid'] !== undefined ? candidates[0] : undefined;
    const row = challenges.insert(c.get('accountSid'), {
      sid, accountSid: c.get('accountSid'), serviceSid: service.sid, entitySid: entity?.sid ?? '', identity: entity?.identity ?? '', factorSid: only?.sid ?? '', factorType: 'passkeys', status: 'pending', respondedReason: 'none',
      details: null, hiddenDetails: null, metadata: null, expirationDate: toIsoSeconds(new Date(now.getTime() + 600_000)), dateResponded: null, failedAttempts: 0, dateCreated: toIsoSeconds(now), dateUpdated: toIsoSeconds(now),
    });
    const options = await authenticationOptions(sid, config, entity ? candidates.map((f) => (f.binding as { credentialId: string }).credentialId) : []);
    await ctx.store.commit();
    return c.json(passkeyChallengeJson(row, publicOrigin(c), 'Challenges', options), 201);
  });

  app.post(VERIFY_PATHS.passkeyApproveChallenge, async function updateChallengePasskeys(c) {
    const service = requireService(ctx, c.get('accountSid'), c.req.param('ServiceSid'));
    const body = await readJson(c);
    const sid = signedChallenge((body['response'] as { clientDataJSON?: unknown } | undefined)?.clientDataJSON);
    const ch = sid && isSid(sid, 'verifyChallenge') ? challenges.get(c.get('accountSid'), sid) : undefined;
    if (!ch || ch.serviceSid !== service.sid || ch.factorType !== 'passkeys') throw verifyError(404, 60391, 'No passkey challenge of this Service issued the challenge in clientDataJSON');
    if (ch.status !== 'pending') throw verifyError(409, 20409, `Challenge ${ch.sid} is already ${ch.status}`);
    if (ctx.clock.now().getTime() >= Date.parse(ch.expirationDate)) throw verifyError(403, 60323, `Challenge ${ch.sid} has expired`);
    const factor: Factor | undefined = passkeyFactors(c.get('accountSid'), service.sid).find((f) => f.binding.kind === 'passkeys' && f.binding.credentialId === body['id'] && (!ch.entitySid || f.entitySid === ch.entitySid));
    if (!factor) throw verifyError(403, 60324, 'AuthPayload invalid: no passkey factor of this challenge has that credential id');
    const result = await verifyAssertion(ch.sid, factor, body);
    if ('error' in result) throw verifyError(403, 60324, `AuthPayload invalid: ${result.error}`);
    // As it is now: another answer may have landed while the signature was being checked.
    const current = challenges.get(ch.accountSid, ch.sid);
    if (!current || current.status !== 'pending') throw verifyError(409, 20409, `Challenge ${ch.sid} is already ${current?.status ?? 'deleted'}`);
    factorsOf(ctx).replace(factor.accountSid, { ...factor, binding: { ...(factor.binding as Extract<Factor['binding'], { kind: 'passkeys' }>), counter: result.counter } });
    const named = challenges.replace(ch.accountSid, { ...current, entitySid: factor.entitySid, identity: factor.identity, factorSid: factor.sid });
    const row = settle(ctx, named, factor, 'approved', undefined);
    await ctx.store.commit();
    return c.json(passkeyChallengeJson(row, publicOrigin(c), 'ApproveChallenge', await authenticationOptions(ch.sid, factor.config as PasskeysConfig, [factor.binding.kind === 'passkeys' ? factor.binding.credentialId! : ''])));
  });
}
