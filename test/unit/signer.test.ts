import fc from 'fast-check';
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { explainTwilio } from '../../src/providers/twilio/common/signer.js';
import { toFormRequest } from '../../src/providers/twilio/common/form-delivery.js';
import { twilioSignature, withBodyHash } from '../../src/providers/twilio/common/signature.js';
import type { OutboundRequest } from '../../src/delivery/request.js';

const TOKEN = 'unit_auth_token';
const ACCOUNT = 'AC' + '0'.repeat(32);
const names = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,11}$/);
const params = fc.dictionary(names, fc.string({ maxLength: 24 }), { maxKeys: 8 });
const paths = fc.stringMatching(/^\/[a-z0-9/_-]{0,20}$/);

/** How a receiver reads a form body (repeated names as arrays), as validateRequest is given it. */
const received = (body: string) => {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(body)) out[k] = k in out ? [out[k]!].flat().concat(v) : v;
  return out;
};

/** Something a request might have suffered on the way: nothing, another token, a changed field, a changed header. */
const tamper = fc.constantFrom('none', 'token', 'body', 'header', 'url');

function tampered(req: OutboundRequest, how: string): { req: OutboundRequest; token: string } {
  if (how === 'token') return { req, token: 'another_token' };
  if (how === 'body') return { req: { ...req, body: req.body + '&Extra=1' }, token: TOKEN };
  if (how === 'header') return { req: { ...req, headers: { ...req.headers, 'x-twilio-signature': 'AAAA' + req.headers['x-twilio-signature']!.slice(4) } }, token: TOKEN };
  if (how === 'url') return { req: { ...req, url: req.url + 'x' }, token: TOKEN };
  return { req, token: TOKEN };
}

describe('the signature verdict agrees with the vendors’ validators', () => {
  it('Twilio forms: valid exactly when twilio.validateRequest says so', () => {
    fc.assert(
      fc.property(params, paths, tamper, (p, path, how) => {
        const url = `http://127.0.0.1:3000${path}`;
        const sent = toFormRequest(TOKEN, { send: url, sign: url }, p, 'HE1');
        const { req, token } = tampered(sent, how);
        const report = explainTwilio(token, ACCOUNT, req);
        const oracle = twilio.validateRequest(token, req.headers['x-twilio-signature']!, req.url, received(req.body));
        expect(report.valid).toBe(oracle);
        if (!report.valid) expect(report.reason).toBeTruthy();
        // What the report says was signed is what the HMAC covers.
        expect(twilioSignature(token, req.url, received(req.body))).toBe(report.expected);
      }),
      { numRuns: 300 },
    );
  });

  it('Twilio JSON (Event Streams): valid exactly when validateRequestWithBody says so, bodySHA256 included', () => {
    fc.assert(
      fc.property(fc.json(), paths, tamper, (json, path, how) => {
        const url = withBodyHash(`http://127.0.0.1:3000${path}`, json);
        const sent: OutboundRequest = { url, method: 'POST', headers: { 'content-type': 'application/json', 'x-twilio-signature': twilioSignature(TOKEN, url) }, body: json };
        const { req, token } = how === 'body' ? { req: { ...sent, body: json + ' ' }, token: TOKEN } : tampered(sent, how);
        const report = explainTwilio(token, ACCOUNT, req);
        expect(report.valid).toBe(twilio.validateRequestWithBody(token, req.headers['x-twilio-signature']!, req.url, req.body));
        if (how === 'body') expect(report.bodyHash?.valid).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('names the missing pieces: no header, no key', () => {
    const req = toFormRequest(TOKEN, { send: 'http://x.test/h', sign: 'http://x.test/h' }, { A: '1' }, 'HE1');
    const { 'x-twilio-signature': _, ...headers } = req.headers;
    expect(explainTwilio(TOKEN, ACCOUNT, { ...req, headers })).toMatchObject({ valid: false, sent: null, reason: expect.stringMatching(/no X-Twilio-Signature/) });
    expect(explainTwilio(undefined, ACCOUNT, req)).toMatchObject({ valid: false, expected: null, reason: expect.stringMatching(/no Auth Token/) });
  });
});
