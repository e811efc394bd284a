/** Field names whose values are secrets: webhook secrets, TOTP seeds, simulated devices' private keys. */
const SECRET = /secret|password|privatekey|seed/i;

export const isSecretField = (name: string): boolean => SECRET.test(name);

/** What a secret is replaced with where it is not shown (the inspector, a state export without secrets). */
export const REDACTED = '[redacted]';

/** A copy with every secret field (at any depth) set to `mask`, and the store's own `_seq` kept or left out. */
export function maskSecrets(value: unknown, mask: string = REDACTED, keepSeq = false): unknown {
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v, mask, keepSeq));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === '_seq' && !keepSeq) continue;
    out[k] = isSecretField(k) && v !== null && v !== '' && typeof v !== 'object' ? mask : maskSecrets(v, mask, keepSeq);
  }
  return out;
}
