import { validateWebhookSignature } from '@sinch/sdk-core';
import { CloudEvent } from 'cloudevents';
import twilio from 'twilio';
import { afterEach, beforeAll, afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createHookyard, createManualClock, type Hookyard, type ManualClock } from '../../src/index.js';
import { formParams, startReceiver, type Received, type Receiver } from '../helpers/receiver.js';
import { runAgainst } from '../helpers/scenario.js';

describe('the shipped scenarios, against a running server and a real receiver', () => {
  let receiver: Receiver;
  let hook: Hookyard;
  let clock: ManualClock;
  const open = async (seed: string | number = 'scenario') => {
    clock = createManualClock('2026-05-05T10:00:00Z');
    hook = await createHookyard({ seed, clock });
  };
  const env = () => ({ WEBHOOK_URL: `${receiver.url}/hooks`, SINCH_WEBHOOK_SECRET: 'review-secret' });
  const twilioForm = (r: Received) => {
    const params = formParams(r.body);
    expect(twilio.validateRequest(hook.authToken, String(r.headers['x-twilio-signature']), r.url, params)).toBe(true);
    return params as Record<string, string>;
  };

  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(() => receiver.close());
  beforeEach(() => {
    receiver.received.length = 0;
  });
  afterEach(() => hook.close());

  it('verify-push-login: factor created → verified → challenge approved, for one identity and factor', async () => {
    await open();
    const { results } = await runAgainst(hook, clock, 'verify-push-login', env());
    const got = receiver.received.map(twilioForm);
    expect(got.map((p) => p['type'])).toEqual(['factor.created', 'factor.verified', 'challenge.approved']);
    expect(new Set(got.map((p) => p['factor_sid'])).size).toBe(1);
    expect(new Set(got.map((p) => p['entity_identity'])).size).toBe(1);
    expect(got[0]!['service_sid']).toBe((results['service'] as { sid: string }).sid);
    expect(got[0]!['factor_friendly_name']).toMatch(/'s iPhone$/);
  });

  it('event-streams-quickstart: test event, handshake, then three CloudEvents that the SDK parses', async () => {
    await open();
    await runAgainst(hook, clock, 'event-streams-quickstart', env());
    const events = receiver.received.map((r) => {
      expect(twilio.validateRequestWithBody(hook.authToken, String(r.headers['x-twilio-signature']), r.url, r.body)).toBe(true);
      return (JSON.parse(r.body) as object[]).map((e) => new CloudEvent(e as never, true));
    });
    expect(events.map((batch) => batch.map((e) => e.type))).toEqual([
      ['com.twilio.eventstreams.test-event'],
      ['com.twilio.messaging.message.delivered'],
      ['com.twilio.messaging.inbound-message.received'],
      ['com.twilio.voice.insights.call-summary.predicted-complete'],
    ]);
    expect(events[1]![0]!.dataschema).toBe('https://events-schemas.twilio.com/Messaging.MessageStatus/5');
  });

  it('sync-collaborative-document: REST and client events in order, state and payloads agreeing', async () => {
    await open();
    await runAgainst(hook, clock, 'sync-collaborative-document', env());
    const got = receiver.received.map(twilioForm);
    // REST-caused deliveries are asynchronous, so compare what arrived rather than the arrival order.
    expect(got.map((p) => `${p['EventType']}:${p['Identity']}`).sort()).toEqual([
      'endpoint_connected:alice',
      'endpoint_connected:bob',
      'document_created:system',
      'document_updated:alice',
      'list_created:system',
      'list_item_added:bob',
      'map_created:system',
      'map_item_added:alice',
      'map_item_updated:alice',
      'endpoint_disconnected:bob',
    ].sort());
    expect(JSON.parse(got.find((p) => p['EventType'] === 'document_updated')!['DocumentData']!)).toMatchObject({ title: 'Q3 plan' });
    expect(got.find((p) => p['EventType'] === 'map_item_updated')).toMatchObject({ ItemKey: 'alice', ItemData: '{"line":9,"column":2}', ItemRevision: '1' });
  });

  it('sinch-whatsapp-template-review: comment, approval and rejection, each signed with the webhook secret', async () => {
    await open();
    await runAgainst(hook, clock, 'sinch-whatsapp-template-review', env());
    const bodies = receiver.received.map((r) => {
      expect(validateWebhookSignature('review-secret', r.headers, r.body)).toBe(true);
      return JSON.parse(r.body) as { type: string; comment?: string; payload: { name: string; state: string; language: string } };
    });
    expect(bodies.map((b) => `${b.type}:${b.payload.name}`)).toEqual([
      'WHATSAPP_TEMPLATE_COMMENT_ADDED:order_update',
      'WHATSAPP_TEMPLATE_APPROVED:order_update',
      'WHATSAPP_TEMPLATE_REJECTED:spring_promo',
    ]);
    expect(bodies[0]!.comment).toBe('Template submitted to Meta for review.');
    expect(bodies[1]!.payload.language).toBe(bodies[0]!.payload.language);
    expect(bodies[2]!.payload.state).toBe('REJECTED');
  });

  it('repeats byte for byte with the same seed and clock; another seed differs', async () => {
    const bodies = async (seed: string) => {
      await open(seed);
      receiver.received.length = 0;
      for (const s of ['verify-push-login', 'event-streams-quickstart', 'sync-collaborative-document', 'sinch-whatsapp-template-review']) await runAgainst(hook, clock, s, env());
      const out = receiver.received.map((r) => r.body).sort();
      await hook.close();
      return out;
    };
    const a = await bodies('repeat');
    const b = await bodies('repeat');
    const c = await bodies('other');
    expect(a.length).toBe(20);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    await open(); // for afterEach
  });
});
