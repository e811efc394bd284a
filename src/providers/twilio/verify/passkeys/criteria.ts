import { verifyError } from '../errors.js';
import type { PasskeysConfig } from '../factors/model.js';
import type { VerifyService } from '../services/model.js';

/** `config` of CreateNewFactorPasskey, as the wire has it. */
export interface PasskeysConfigJson {
  relying_party?: { id?: unknown; name?: unknown; origins?: unknown };
  authenticator_attachment?: unknown;
  discoverable_credentials?: unknown;
  user_verification?: unknown;
}

const CRITERIA = ['required', 'preferred', 'discouraged'];

/**
 * The authenticator criteria of a passkey factor: the request's `config`, else the Service's `Passkeys.*`.
 * Any of the six missing (or not one of the allowed values) → 400 / 60393 naming them.
 * @see https://www.twilio.com/docs/api/errors/60393
 */
export function resolveCriteria(service: VerifyService, config: PasskeysConfigJson | undefined): PasskeysConfig {
  const pk = service.passkeys;
  const rp = config?.relying_party;
  const pick = (v: unknown, fallback: string | null) => (typeof v === 'string' && v !== '' ? v : fallback);
  const origins = Array.isArray(rp?.origins) && rp.origins.every((o) => typeof o === 'string') && rp.origins.length > 0 ? (rp.origins as string[]) : pk?.relyingPartyOrigins ?? [];
  const c = {
    id: pick(rp?.id, pk?.relyingPartyId ?? null),
    name: pick(rp?.name, pk?.relyingPartyName ?? null),
    attachment: pick(config?.authenticator_attachment, pk?.authenticatorAttachment ?? null),
    discoverable: pick(config?.discoverable_credentials, pk?.discoverableCredentials ?? null),
    uv: pick(config?.user_verification, pk?.userVerification ?? null),
  };
  const missing = [
    ...(c.id ? [] : ['relying_party.id']),
    ...(c.name ? [] : ['relying_party.name']),
    ...(origins.length ? [] : ['relying_party.origins']),
    ...(c.attachment && ['platform', 'cross-platform', 'any'].includes(c.attachment) ? [] : ['authenticator_attachment']),
    ...(c.discoverable && CRITERIA.includes(c.discoverable) ? [] : ['discoverable_credentials']),
    ...(c.uv && CRITERIA.includes(c.uv) ? [] : ['user_verification']),
  ];
  if (missing.length > 0) throw verifyError(400, 60393, `Passkeys authenticator criteria missing: ${missing.join(', ')} (set them in config or on the Service's Passkeys.* parameters)`, 'config');
  return { relyingParty: { id: c.id!, name: c.name!, origins }, authenticatorAttachment: c.attachment!, discoverableCredentials: c.discoverable!, userVerification: c.uv! };
}
