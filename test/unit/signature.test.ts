import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { bodySha256, twilioSignature, withBodyHash } from '../../src/providers/twilio/common/signature.js';

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
