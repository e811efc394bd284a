import type { EventDescription, HookyardApi, SetupResult } from '../../../provider.js';
import { expectCreated } from '../../../setup-check.js';
import { findEventType, latestVersion } from './catalog.js';

export function describeStreamEvent(type: string): EventDescription {
  const entry = findEventType(type)!;
  return {
    name: type,
    description: `${entry.description} (schema ${entry.schemaId}, versions 1..${latestVersion(entry.schemaId)})`,
    requires: ['an active webhook sink with a subscription to the type'],
  };
}

/** A webhook sink for `webhookUrl`, through its Test/Validate handshake, and a subscription to the type. */
export async function setupStreams(api: HookyardApi, type: string, webhookUrl: string): Promise<SetupResult> {
  const config = JSON.stringify({ destination: webhookUrl, method: 'POST', batch_events: false });
  const sink = expectCreated(await api.request('POST', '/v1/Sinks', { form: { Description: 'hookyard trigger', SinkType: 'webhook', SinkConfiguration: config } }, 'twilio'), 'a sink');
  expectCreated(await api.request('POST', `/v1/Sinks/${sink.sid}/Test`, {}, 'twilio'), 'a sink test');
  // The test event went to webhookUrl; the journal keeps its body, which holds the test_id to validate with.
  const journal = await api.request('GET', `/_hookyard/deliveries?target=${sink.sid}`);
  const body = journal.json.deliveries?.[0]?.request?.body as string | undefined;
  const testId = body ? (JSON.parse(body) as { data: { test_id: string } }[])[0]?.data.test_id : undefined;
  expectCreated(await api.request('POST', `/v1/Sinks/${sink.sid}/Validate`, { form: { TestId: testId ?? '' } }, 'twilio'), 'a validated sink');
  const sub = expectCreated(await api.request('POST', '/v1/Subscriptions', { form: { Description: 'hookyard trigger', SinkSid: sink.sid, Types: [JSON.stringify({ type })] } }, 'twilio'), 'a subscription');
  return { input: {}, created: [`Sink ${sink.sid} (validated) → ${webhookUrl}`, `Subscription ${sub.sid} to ${type}`] };
}
