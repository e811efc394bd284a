import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { createCollection, type Row } from '../../../../core/collection.js';
import type { Context } from '../../../../core/context.js';
import { invalidParam, notFound } from '../../../../core/errors.js';
import { VERIFY_CHALLENGES, type Challenge } from '../challenges/model.js';
import { answerPush, answerTotp } from '../challenges/respond.js';
import { toChallengeJson } from '../challenges/serialize.js';
import { createFactor } from '../factors/create.js';
import { VERIFY_DEVICES, VERIFY_FACTORS, type Factor, type TotpConfig } from '../factors/model.js';
import { loadJose } from '../factors/push.js';
import { factorsOf } from '../factors/store.js';
import { hotp, fromBase32 } from '../factors/totp.js';
import { applyFactorUpdate } from '../factors/update.js';
import { requireService } from '../services/routes.js';

/** A simulated device's key, kept so hookyard can answer its challenges as the device would. */
interface DeviceKey extends Row {
  accountSid: string;
  /** PKCS#8 DER, base64. */
  privateKey: string;
}


export interface DeviceRequest {
  serviceSid?: unknown;
  identity?: unknown;
  friendlyName?: unknown;
  accountSid?: unknown;
  /** Verify the factor right away (default true), as an app does after enrolling. */
  verify?: unknown;
}

/**
 * A simulated Verify Push device for people without a key pair at hand: hookyard makes a P-256 key,
 * creates the push factor through the same code as `CreateNewFactor` (webhook included), and — unless
 * `verify: false` — verifies it with the key's signature over the factor SID, as the mobile SDKs do.
 */
export function createDevice(ctx: Context, req: DeviceRequest): { factor: Factor; privateKeyPem: string } {
  const accountSid = typeof req.accountSid === 'string' ? req.accountSid : [...ctx.twilio.accounts.keys()][0]!;
  if (!ctx.twilio.accounts.has(accountSid)) throw invalidParam('accountSid', `Unknown account '${accountSid}'`);
  if (typeof req.serviceSid !== 'string') throw invalidParam('serviceSid', 'serviceSid is required: the Verify Service (VA…) to enroll the device in');
  if (typeof req.identity !== 'string') throw invalidParam('identity', 'identity is required: the user id (8 to 64 letters, digits or dashes)');
  const service = requireService(ctx, accountSid, req.serviceSid);
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const form = new Map<string, string[]>([
    ['FriendlyName', [typeof req.friendlyName === 'string' ? req.friendlyName : 'hookyard simulated device']],
    ['FactorType', ['push']],
    ['Binding.Alg', ['ES256']],
    ['Binding.PublicKey', [publicKey.export({ format: 'der', type: 'spki' }).toString('base64')]],
    ['Config.SdkVersion', ['hookyard-device']],
    ['Config.AppId', ['dev.hookyard.device']],
    ['Config.NotificationPlatform', ['none']],
  ]);
  let { factor } = createFactor(ctx, accountSid, service, req.identity, form);
  createCollection<DeviceKey>(ctx.store, VERIFY_DEVICES).insert(accountSid, { sid: factor.sid, accountSid, privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64') });
  if (req.verify !== false) {
    const proof = sign('sha256', Buffer.from(factor.sid, 'utf8'), { key: privateKey, dsaEncoding: 'der' }).toString('base64');
    factor = applyFactorUpdate(ctx, factor, new Map([['AuthPayload', [proof]]]));
  }
  return { factor, privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() };
}

/** The code a TOTP factor's authenticator app shows now — on hookyard's clock — and until when. */
export function currentTotp(ctx: Context, factorSid: string): { code: string; validUntil: string } {
  for (const account of Object.keys(ctx.store.data.tables[VERIFY_FACTORS] ?? {})) {
    const f = factorsOf(ctx).get(account, factorSid);
    if (!f) continue;
    if (f.binding.kind !== 'totp') throw invalidParam('factorSid', `Factor ${factorSid} is a ${f.factorType} factor, not totp`);
    const c = f.config as TotpConfig;
    const step = Math.floor(ctx.clock.now().getTime() / 1000 / c.timeStep);
    return { code: hotp(fromBase32(f.binding.secret)!, step, c.codeLength, c.alg), validUntil: new Date((step + 1) * c.timeStep * 1000).toISOString() };
  }
  throw notFound(`No factor ${factorSid}`);
}

function findChallenge(ctx: Context, sid: string): Challenge {
  for (const scope of Object.keys(ctx.store.data.tables[VERIFY_CHALLENGES] ?? {})) {
    const ch = createCollection<Challenge>(ctx.store, VERIFY_CHALLENGES).get(scope, sid);
    if (ch) return ch;
  }
  throw notFound(`No challenge ${sid}`);
}

/**
 * Answers a challenge as its factor's device would: for a simulated push device, the SDK's JWT over the
 * signature fields plus `status`, signed with the device key; for a TOTP factor, the current code.
 */
export async function answerAsDevice(ctx: Context, challengeSid: string, status: 'approved' | 'denied'): Promise<Challenge> {
  const ch = findChallenge(ctx, challengeSid);
  const factor = factorsOf(ctx).get(ch.accountSid, ch.factorSid);
  if (!factor) throw notFound(`Challenge ${challengeSid} has no factor any more`);
  if (ch.status !== 'pending') throw invalidParam('status', `Challenge ${challengeSid} is ${ch.status}, not pending`);
  if (factor.binding.kind === 'totp') {
    if (status === 'denied') throw invalidParam('status', 'a TOTP challenge cannot be denied: send a wrong code instead');
    return answerTotp(ctx, ch, factor, currentTotp(ctx, factor.sid).code);
  }
  const key = createCollection<DeviceKey>(ctx.store, VERIFY_DEVICES).get(ch.accountSid, factor.sid);
  if (!key) throw invalidParam('challengeSid', `Factor ${factor.sid} is not a simulated device (POST /_hookyard/verify/devices makes one); answer with its own key`);
  const { SignJWT } = await loadJose();
  const fields = toChallengeJson(ch, '');
  const jwt = await new SignJWT({ ...fields, status }).setProtectedHeader({ typ: 'JWT', alg: 'ES256' }).sign(createPrivateKey({ key: Buffer.from(key.privateKey, 'base64'), format: 'der', type: 'pkcs8' }));
  return answerPush(ctx, ch, factor, jwt, '');
}
