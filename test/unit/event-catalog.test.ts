import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHookyard, createManualClock, type Hookyard } from '../../src/index.js';
import { EVENT_TYPES, SCHEMAS } from '../../src/providers/twilio/events/catalog/catalog.js';
import { GENERATORS } from '../../src/providers/twilio/events/data/index.js';

/** Field names each schema's `data` must carry, in that schema's casing (reference §2.8). */
const REQUIRED: Record<string, string[]> = {
  'Messaging.MessageStatus': ['messageSid', 'timestamp', 'accountSid', 'eventName', 'apiVersion', 'from', 'to', 'messageStatus'],
  'Messaging.InboundMessageV1': ['numMedia', 'timestamp', 'accountSid', 'to', 'numSegments', 'messageSid', 'eventName', 'body', 'from'],
  'Voice.WebhookEvent': ['sid', 'requestDateCreated', 'timestamp', 'eventSid', 'request', 'response'],
  'VoiceInsights.CallEvent': ['timestamp', 'call_sid', 'account_sid', 'edge', 'name', 'group', 'level'],
  'VoiceInsights.CallSummary': ['call_sid', 'account_sid', 'call_type', 'call_state', 'start_time', 'end_time', 'duration', 'from', 'to', 'processing_state', 'properties'],
  'Studio.FlowExecutionEvent': ['execution_sid', 'account_sid', 'flow_sid', 'contact_channel_address', 'status', 'date_created', 'started_by', 'flow_revision'],
  'TaskRouter.WDSEvent': ['sid', 'name', 'account_sid', 'timestamp', 'level', 'product_name', 'payload_type', 'payload'],
  'AccountSecurity.VerifyEventStreamEvent': ['account_sid', 'service_sid', 'verification_sid', 'to', 'verification_status', 'send_code_attempts', 'check_attempts'],
  'AccountSecurity.MessageStatusEvent': ['created_at', 'account_sid', 'service_sid', 'verification_sid', 'attempt_sid', 'channel', 'message_status', 'to'],
  'EventStreams.TestSink': ['test_id'],
};

describe('the Event Streams catalogue and its generators (one source)', () => {
  let hook: Hookyard;
  beforeAll(async () => {
    hook = await createHookyard({ seed: 'catalog', clock: createManualClock('2026-02-03T04:05:06.789Z') });
  });
  afterAll(() => hook.close());

  it('has a generator and versions for every schema it lists', () => {
    for (const t of EVENT_TYPES) {
      expect(GENERATORS[t.schemaId], t.type).toBeTypeOf('function');
      expect(SCHEMAS.get(t.schemaId)!.length, t.type).toBeGreaterThan(0);
    }
    expect(new Set(EVENT_TYPES.map((t) => t.type)).size).toBe(EVENT_TYPES.length);
  });

  it.each(EVENT_TYPES.map((t) => t.type))('builds %s with its schema’s fields', async (type) => {
    const { event } = await hook.emit({ type });
    const data = event.data as { schemaId: string; payload: Record<string, unknown>; cloudEventId: string; time: string; source: string };
    expect(data.cloudEventId).toMatch(/^EZ[0-9a-f]{32}$/);
    expect(data.time).toBe('2026-02-03T04:05:06.789Z');
    expect(data.source.length).toBeGreaterThan(0);
    for (const field of REQUIRED[data.schemaId] ?? []) expect(data.payload, `${type}.${field}`).toHaveProperty(field);
    const accountSid = data.payload['accountSid'] ?? data.payload['account_sid'];
    if (accountSid !== undefined) expect(accountSid).toBe(hook.accountSid);
  });

  it('applies data overrides, a pinned schema version and a source', async () => {
    const { event } = await hook.emit({ type: 'com.twilio.messaging.message.failed', schemaVersion: 3, source: '/custom', data: { errorCode: 30007, body: 'mine' } });
    expect(event.data).toMatchObject({ schemaVersion: 3, source: '/custom', payload: { errorCode: 30007, body: 'mine', messageStatus: 'FAILED' } });
    await expect(hook.emit({ type: 'com.twilio.messaging.message.failed', schemaVersion: 8 })).rejects.toThrow(/versions 1\.\.7/);
    await expect(hook.emit({ type: 'com.twilio.messaging.message.exploded' })).rejects.toThrow(/type/);
  });
});
