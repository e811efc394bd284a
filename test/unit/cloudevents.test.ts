import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import type { HookyardEvent } from '../../src/events/event.js';
import { toSinkRequest } from '../../src/providers/twilio/events/cloudevents.js';

describe('Event Streams signing (reference §2.6 worked example)', () => {
  // A real Event Streams test delivery, as published in a third-party validator's test suite.
  const token = '11111111111111111111111111111111';
  const body =
    '[{"specversion":"1.0","type":"com.twilio.eventstreams.test-event","source":"Sink","id":"AC11111111111111111111111111111111",' +
    '"dataschema":"https://events-schemas.twilio.com/EventStreams.TestSink/1.json","datacontenttype":"application/json",' +
    '"time":"2026-06-10T06:02:54.377Z","data":{"test_id":"cae2f9e2-c277-4612-8ad3-93c1a7a3ef88"}}]';
  const signedUrl = 'https://96e5-165-225-114-134.ngrok-free.app/webhook?bodySHA256=f4dc494f1e604a19df36cdd069f7956b1f261dc954ae1c698ed8b4939fd9ab54';

  it('encodes the test event byte for byte and signs it as Twilio did', () => {
    const event: HookyardEvent = {
      id: 'HE1',
      provider: 'twilio.events',
      type: 'com.twilio.eventstreams.test-event',
      scope: 'AC11111111111111111111111111111111',
      occurredAt: '2026-06-10T06:02:54.377Z',
      data: {
        schemaId: 'EventStreams.TestSink',
        schemaVersion: 1,
        source: 'Sink',
        cloudEventId: 'AC11111111111111111111111111111111',
        time: '2026-06-10T06:02:54.377Z',
        payload: { test_id: 'cae2f9e2-c277-4612-8ad3-93c1a7a3ef88' },
      },
    };
    const req = toSinkRequest(token, 'https://96e5-165-225-114-134.ngrok-free.app/webhook', [{ event, schemaVersion: 1 }]);
    expect(req.body).toBe(body);
    expect(req.url).toBe(signedUrl);
    expect(req.headers['x-twilio-signature']).toBe('qovYYTCoTFG3Ga6KmSrRVvSgwm8=');
    expect(req.headers['content-type']).toBe('application/json');
    expect(twilio.validateRequestWithBody(token, 'qovYYTCoTFG3Ga6KmSrRVvSgwm8=', signedUrl, body)).toBe(true);
  });

  it('moves credentials in the destination to an Authorization header, out of the signed URL', () => {
    const event = { id: 'HE1', provider: 'twilio.events', type: 't', scope: 'AC1', occurredAt: '', data: { schemaId: 'X', source: 's', cloudEventId: 'EZ1', time: '', payload: {} } };
    const req = toSinkRequest(token, 'https://us%40er:p%3Ass@example.com/hook?x=1#frag', [{ event, schemaVersion: 1 }]);
    expect(req.headers['authorization']).toBe('Basic ' + Buffer.from('us@er:p:ss').toString('base64'));
    expect(req.url.startsWith('https://example.com/hook?x=1&bodySHA256=')).toBe(true);
    expect(twilio.validateRequestWithBody(token, req.headers['x-twilio-signature']!, req.url, req.body)).toBe(true);
  });
});
