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

type SinkJson = { sid: string; status: string; sink_type: string; sink_configuration: { destination?: string } };
type SubscriptionJson = { sid: string; sink_sid: string };

/** The Test → test event → Validate handshake that activates a sink; the test_id is read from the journal. */
async function activate(api: HookyardApi, sinkSid: string): Promise<void> {
  expectCreated(await api.request('POST', `/v1/Sinks/${sinkSid}/Test`, {}, 'twilio'), 'a sink test');
  const journal = await api.request('GET', `/_hookyard/deliveries?target=${sinkSid}&limit=1`);
  const body = journal.json.deliveries?.[0]?.request?.body as string | undefined;
  const testId = body ? (JSON.parse(body) as { data: { test_id: string } }[])[0]?.data.test_id : undefined;
  expectCreated(await api.request('POST', `/v1/Sinks/${sinkSid}/Validate`, { form: { TestId: testId ?? '' } }, 'twilio'), 'a validated sink');
}

/**
 * A webhook sink for `webhookUrl`, through its Test/Validate handshake, and a subscription to the type —
 * reusing a sink that already delivers there (and its subscription, given the type if it lacks it), so
 * repeated `--setup`s never deliver an event twice.
 */
export async function setupStreams(api: HookyardApi, type: string, webhookUrl: string): Promise<SetupResult> {
  const sinks = expectCreated(await api.request('GET', '/v1/Sinks?PageSize=100', undefined, 'twilio'), 'the sink list').sinks as SinkJson[];
  const existing = sinks.find((s) => s.sink_type === 'webhook' && s.sink_configuration.destination === webhookUrl);
  if (existing) {
    if (existing.status !== 'active') await activate(api, existing.sid);
    const subs = expectCreated(await api.request('GET', `/v1/Subscriptions?SinkSid=${existing.sid}&PageSize=100`, undefined, 'twilio'), 'the subscription list').subscriptions as SubscriptionJson[];
    for (const sub of subs) {
      const types = expectCreated(await api.request('GET', `/v1/Subscriptions/${sub.sid}/SubscribedEvents?PageSize=1000`, undefined, 'twilio'), 'the subscribed events').types as { type: string }[];
      if (types.some((t) => t.type === type)) return { input: {}, created: [`reusing Sink ${existing.sid} and Subscription ${sub.sid} → ${webhookUrl}`] };
    }
    if (subs[0]) {
      expectCreated(await api.request('POST', `/v1/Subscriptions/${subs[0].sid}/SubscribedEvents`, { form: { Type: type } }, 'twilio'), 'a subscribed event');
      return { input: {}, created: [`reusing Sink ${existing.sid}; Subscription ${subs[0].sid} now also takes ${type}`] };
    }
    const sub = expectCreated(await api.request('POST', '/v1/Subscriptions', { form: { Description: 'hookyard trigger', SinkSid: existing.sid, Types: [JSON.stringify({ type })] } }, 'twilio'), 'a subscription');
    return { input: {}, created: [`reusing Sink ${existing.sid}`, `Subscription ${sub.sid} to ${type}`] };
  }
  const config = JSON.stringify({ destination: webhookUrl, method: 'POST', batch_events: false });
  const sink = expectCreated(await api.request('POST', '/v1/Sinks', { form: { Description: 'hookyard trigger', SinkType: 'webhook', SinkConfiguration: config } }, 'twilio'), 'a sink');
  await activate(api, sink.sid);
  const sub = expectCreated(await api.request('POST', '/v1/Subscriptions', { form: { Description: 'hookyard trigger', SinkSid: sink.sid, Types: [JSON.stringify({ type })] } }, 'twilio'), 'a subscription');
  return { input: {}, created: [`Sink ${sink.sid} (validated) → ${webhookUrl}`, `Subscription ${sub.sid} to ${type}`] };
}
