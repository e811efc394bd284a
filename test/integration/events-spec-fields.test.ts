import { startReceiver, type Receiver } from '../helpers/receiver.js';
import { describeSpecFields, type SpecApi } from '../helpers/spec-fields.js';

const ids: Record<string, string> = {};
const TYPE = 'com.twilio.messaging.message.delivered';
const OTHER = 'com.twilio.messaging.message.failed';
let receiver: Receiver;

/** The `test_id` of the last test event sent to a sink, from the journal. */
const testIdOf = (api: SpecApi, sink: string) => {
  const body = api.hook.deliveries({ target: sink }).at(-1)!.request.body;
  return (JSON.parse(body) as { data: { test_id: string } }[])[0]!.data.test_id;
};

describeSpecFields({
  title: 'Events v1: spec status and field set of every operation',
  file: 'twilio_events_v1.json',
  count: 22,
  options: { seed: 'events-spec-fields' },
  async setup(api) {
    receiver = await startReceiver();
    const config = JSON.stringify({ destination: `${receiver.url}/sink`, method: 'POST', batch_events: false });
    // An active sink with a subscription of two types, and a second sink for Test, Validate, update and delete.
    ids['DG'] = String((await api.create('/v1/Sinks', { Description: 'active', SinkType: 'webhook', SinkConfiguration: config }))['sid']);
    await api.create(`/v1/Sinks/${ids['DG']}/Test`, {});
    await api.hook.idle();
    await api.create(`/v1/Sinks/${ids['DG']}/Validate`, { TestId: testIdOf(api, ids['DG']) });
    ids['DF'] = String((await api.create('/v1/Subscriptions', { Description: 'sub', SinkSid: ids['DG'], Types: [JSON.stringify({ type: TYPE }), JSON.stringify({ type: OTHER })] }))['sid']);
    ids['DG2'] = String((await api.create('/v1/Sinks', { Description: 'spare', SinkType: 'webhook', SinkConfiguration: config }))['sid']);
  },
  teardown: () => receiver.close(),
  fill: (path) =>
    path
      .replace('{SubscriptionSid}', ids['DF']!)
      .replace('/SubscribedEvents/{Type}', `/SubscribedEvents/${OTHER}`)
      .replace('/Types/{Type}', `/Types/${TYPE}`)
      .replace('{Id}', 'Messaging.MessageStatus')
      .replace('{SchemaVersion}', '1')
      .replace('/Sinks/{Sid}', `/Sinks/${ids['DG2']}`)
      .replace('/Subscriptions/{Sid}', `/Subscriptions/${ids['DF']}`),
  body: {
    CreateSink: () => ({ Description: 'new', SinkType: 'webhook', SinkConfiguration: JSON.stringify({ destination: `${receiver.url}/new`, method: 'POST', batch_events: true }) }),
    UpdateSink: () => ({ Description: 'renamed' }),
    CreateSinkTest: () => ({}),
    CreateSinkValidate: async (api) => {
      await api.hook.idle();
      return { TestId: testIdOf(api, ids['DG2']!) };
    },
    CreateSubscription: () => ({ Description: 'another', SinkSid: ids['DG']!, Types: JSON.stringify({ type: TYPE }) }),
    UpdateSubscription: () => ({ Description: 'renamed' }),
    CreateSubscribedEvent: () => ({ Type: 'com.twilio.messaging.message.sent' }),
    UpdateSubscribedEvent: () => ({ SchemaVersion: '1' }),
  },
  rank: { CreateSinkValidate: 2, DeleteSubscribedEvent: 3, DeleteSubscription: 4, DeleteSink: 5 },
});
