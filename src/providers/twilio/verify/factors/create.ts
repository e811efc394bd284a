import { toIsoSeconds } from '../../../../core/clock.js';
import { createCollection } from '../../../../core/collection.js';
import type { Context } from '../../../../core/context.js';
import { newSid } from '../../../../core/ids.js';
import { str, type Form } from '../../common/params.js';
import { ensureEntity, parseIdentity } from '../entities/store.js';
import { verifyInvalid } from '../errors.js';
import { emitPushEvent } from '../push/events.js';
import type { VerifyService } from '../services/model.js';
import { VERIFY_FACTORS, type Factor, type TotpConfig } from './model.js';
import { parsePushKey } from './push.js';
import { parseMetadata, parsePushConfig, parseTotpConfig, requireFactorType } from './serialize.js';
import { fromBase32, toBase32 } from './totp.js';

/** `otpauth://totp/Issuer:Name?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30`, as the spec's example writes it. */
export function totpUri(issuer: string, name: string, secret: string, c: TotpConfig): string {
  const q = `secret=${secret}&issuer=${encodeURIComponent(issuer)}&algorithm=${c.alg.toUpperCase()}&digits=${c.codeLength}&period=${c.timeStep}`;
  return `otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(name)}?${q}`;
}

/**
 * CreateNewFactor: a Push factor binds the device's P-256 public key; a TOTP factor gets a Base32 secret
 * (given, or 20 random bytes) and its `otpauth://` URI. The Entity is created on first use. Announces
 * `factor.created`. Answers the factor and the `binding` only creation returns.
 * @see https://www.twilio.com/docs/verify/api/factor
 */
export function createFactor(ctx: Context, accountSid: string, service: VerifyService, identity: string, form: Form): { factor: Factor; binding: Record<string, unknown> } {
  parseIdentity(identity);
  const friendlyName = str(form, 'FriendlyName', { required: true, max: 64 })!;
  const factorType = requireFactorType(str(form, 'FactorType'));
  const metadata = parseMetadata(form) ?? null;
  let binding: Factor['binding'];
  let config: Factor['config'];
  let bindingJson: Record<string, unknown>;
  if (factorType === 'push') {
    const alg = str(form, 'Binding.Alg', { required: true });
    if (alg !== 'ES256') throw verifyInvalid('Binding.Alg', 'must be ES256');
    const publicKey = str(form, 'Binding.PublicKey', { required: true })!;
    if (!parsePushKey(publicKey)) throw verifyInvalid('Binding.PublicKey', 'must be the base64 DER (SubjectPublicKeyInfo) of an ECDSA P-256 public key');
    config = parsePushConfig(form, undefined, newSid(ctx.random, 'pushCredential'));
    binding = { kind: 'push', alg: 'ES256', publicKey };
    bindingJson = { alg: 'ES256', public_key: publicKey };
  } else {
    const given = str(form, 'Binding.Secret');
    const bytes = given === undefined ? ctx.random.bytes(20) : fromBase32(given);
    if (!bytes || bytes.length < 10) throw verifyInvalid('Binding.Secret', 'must be a Base32 secret of at least 16 characters');
    const secret = toBase32(bytes);
    const totp = parseTotpConfig(form, service.totp);
    config = totp;
    binding = { kind: 'totp', secret };
    bindingJson = { secret, uri: totpUri(service.totp.issuer ?? service.friendlyName, friendlyName, secret, totp) };
  }
  const entity = ensureEntity(ctx, accountSid, service.sid, identity);
  const now = toIsoSeconds(ctx.clock.now());
  const factor = createCollection<Factor>(ctx.store, VERIFY_FACTORS).insert(accountSid, {
    sid: newSid(ctx.random, 'verifyFactor'),
    accountSid,
    serviceSid: service.sid,
    entitySid: entity.sid,
    identity: entity.identity,
    friendlyName,
    factorType,
    status: 'unverified',
    binding,
    config,
    metadata,
    failedVerifications: 0,
    dateCreated: now,
    dateUpdated: now,
  });
  emitPushEvent(ctx, 'factor.created', factor);
  return { factor, binding: bindingJson };
}
