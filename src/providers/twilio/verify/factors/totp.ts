import { createHmac } from 'node:crypto';
import type { TotpAlg } from './model.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 Base32, upper case, no padding: how Twilio's (and every authenticator app's) TOTP secrets read. */
export function toBase32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** Base32 → bytes; undefined when it is not Base32 (case-insensitive, `=` padding and spaces ignored). */
export function fromBase32(text: string): Buffer | undefined {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  if (clean === '' || !/^[A-Z2-7]+$/.test(clean)) return undefined;
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    value = (value << 5) | ALPHABET.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 4226 HOTP with RFC 6238's algorithms: HMAC of the 8-byte counter, dynamic truncation, `digits` digits. */
export function hotp(secret: Buffer, counter: number, digits: number, alg: TotpAlg): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(alg, secret).update(msg).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(code).padStart(digits, '0');
}

/**
 * Whether `code` is the RFC 6238 TOTP of `secret` at `nowMs` within ±`skew` steps — on hookyard's clock.
 * @see https://www.rfc-editor.org/rfc/rfc6238
 */
export function checkTotp(secret: Buffer, code: string, nowMs: number, c: { timeStep: number; skew: number; codeLength: number; alg: TotpAlg }): boolean {
  if (code.length !== c.codeLength || !/^\d+$/.test(code)) return false;
  const step = Math.floor(nowMs / 1000 / c.timeStep);
  for (let d = -c.skew; d <= c.skew; d++) if (step + d >= 0 && hotp(secret, step + d, c.codeLength, c.alg) === code) return true;
  return false;
}
