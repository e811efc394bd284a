import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { formBody } from '../../src/providers/twilio/common/form-delivery.js';
import { bodySha256, twilioSignature, twilioSignedString, withBodyHash } from '../../src/providers/twilio/common/signature.js';
import { sinchSignature } from '../../src/providers/sinch/common/signature.js';

/** Any text, lone surrogates and the characters a form treats specially included. */
const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 20 }), fc.string({ unit: fc.constantFrom(...' !\'()~*-._+&=%\u00e9\ud83d\ude00\ud800', 'a', 'Z', '0'), maxLength: 12 }));

describe('X-Twilio-Signature', () => {
  const token = '12345';
  const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
  const params = { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' };

  it("matches twilio's documented example and its own helper", () => {
    // The worked example of Twilio's webhook security page.
    expect(twilioSignature(token, url, params)).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
    expect(twilioSignature(token, url, params)).toBe(twilio.getExpectedTwilioSignature(token, url, params));
  });

  it('sorts and de-duplicates array values as twilio-node does', () => {
    const arrays = { EventTypes: ['factor.verified', 'challenge.approved', 'factor.verified'], Z: 'last', A: 'first' };
    const sig = twilioSignature(token, 'http://127.0.0.1:9/x', arrays);
    expect(twilio.validateRequest(token, sig, 'http://127.0.0.1:9/x', arrays)).toBe(true);
  });

  it('signs JSON bodies over the URL with bodySHA256', () => {
    const body = '[{"specversion":"1.0"}]';
    const signedUrl = withBodyHash('https://example.com/sink?x=1', body);
    expect(new URL(signedUrl).searchParams.get('bodySHA256')).toBe(bodySha256(body));
    expect(bodySha256(body)).toBe(twilio.getExpectedBodyHash(body));
    const sig = twilioSignature(token, signedUrl);
    expect(twilio.validateRequestWithBody(token, sig, signedUrl, body)).toBe(true);
    expect(twilio.validateRequestWithBody(token, sig, signedUrl, body + ' ')).toBe(false);
  });
});

describe('form bodies and signatures, byte for byte', () => {
  it('formBody writes exactly what URLSearchParams does', () => {
    fc.assert(
      fc.property(fc.dictionary(text, text, { maxKeys: 8 }), (params) => {
        expect(formBody(params)).toBe(new URLSearchParams(params).toString());
      }),
      { seed: 1001, numRuns: 2000 },
    );
  });

  it('signs with any key and params as createHmac with the key as text does, and as twilio-node validates', () => {
    fc.assert(
      fc.property(text, fc.webUrl(), fc.dictionary(text, text, { maxKeys: 6 }), (token, url, params) => {
        const expected = createHmac('sha1', token).update(Buffer.from(twilioSignedString(url, params), 'utf-8')).digest('base64');
        // Twice: the second comes from the cached key.
        expect(twilioSignature(token, url, params)).toBe(expected);
        expect(twilioSignature(token, url, params)).toBe(expected);
        expect(twilioSignature(token, url, params)).toBe(twilio.getExpectedTwilioSignature(token, url, params));
      }),
      { seed: 1002, numRuns: 500 },
    );
  });

  it('signs Sinch callbacks with any secret as createHmac with the secret as text does', () => {
    fc.assert(
      fc.property(text, text, text, text, (secret, body, nonce, timestamp) => {
        const expected = createHmac('sha256', secret).update(`${body}.${nonce}.${timestamp}`).digest('base64');
        expect(sinchSignature(secret, body, nonce, timestamp)).toBe(expected);
        expect(sinchSignature(secret, body, nonce, timestamp)).toBe(expected);
      }),
      { seed: 1003, numRuns: 500 },
    );
  });
});
