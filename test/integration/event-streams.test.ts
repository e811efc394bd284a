import { CloudEvent } from 'cloudevents';
import twilio from 'twilio';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Hookyard } from '../../src/index.js';
import { type Received, type Receiver } from '../helpers/receiver.js';
import { useHookAndReceiver } from '../helpers/suite.js';
import { expectTwilioError, sdk } from '../helpers/twilio.js';

/**
 * Checks a delivery with the oracles: twilio's own body validator and the cloudevents SDK, and returns
 * the events. `new CloudEvent(…)` validates the envelope against the CloudEvents 1.0 spec.
 */
function parseDelivery(hook: Hookyard, r: Received): CloudEvent<Record<string, unknown>>[] {
  expect(r.method).toBe('POST');
  expect(r.headers['content-type']).toBe('application/json');
  expect(twilio.validateRequestWithBody(hook.authToken, String(r.headers['x-twilio-signature']), r.url, r.body)).toBe(true);
  const parsed = JSON.parse(r.body) as unknown[];
  expect(Array.isArray(parsed)).toBe(true);
  return parsed.map((e) => {
    const ce = new CloudEvent<Record<string, unknown>>(e as never, true);
    expect(ce.specversion).toBe('1.0');
    expect(ce.id).toMatch(/^EZ[0-9a-f]{32}$/);
    expect(ce.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(ce.datacontenttype).toBe('application/json');
    expect(ce.dataschema).toMatch(/^https:\/\/events-schemas\.twilio\.com\/[\w.]+\/\d+(\.json)?$/);
    expect(typeof ce.data).toBe('object');
    return ce;
  });
}

describe('Event Streams through the twilio SDK', () => {
  let hook: Hookyard;
  let receiver: Receiver;
  let client: ReturnType<typeof sdk>;

  const webhookSink = (path: string, batch = false, destination = `${receiver.url}${path}`) =>
    client.events.v1.sinks.create({ description: path, sinkType: 'webhook', sinkConfiguration: { destination, method: 'POST', batch_events: batch } });

  /** Test → receive the test event → Validate: the handshake that activates a sink. */
  async function activate(sinkSid: string) {
    const before = receiver.received.length;
    expect((await client.events.v1.sinks(sinkSid).sinkTest.create()).result).toBe('submitted');
    const [test] = parseDelivery(hook, (await receiver.waitFor(before + 1))[before]!);
    expect(test!.type).toBe('com.twilio.eventstreams.test-event');
    expect(test!.dataschema).toBe('https://events-schemas.twilio.com/EventStreams.TestSink/1.json');
    const testId = String(test!.data!['test_id']);
    expect((await client.events.v1.sinks(sinkSid).sinkValidate.create({ testId })).result).toBe('valid');
    return testId;
  }

  const env = useHookAndReceiver({ seed: 'events' });
  beforeAll(() => {
    ({ hook, receiver } = env);
    client = sdk(hook);
  });

  it('walks the quickstart: sink → Test → test event → Validate → subscribe to three types → emit → receive', async () => {
    const sink = await webhookSink('/sink');
    expect(sink).toMatchObject({ sinkType: 'webhook', status: 'initialized', sinkConfiguration: { destination: `${receiver.url}/sink`, method: 'POST', batch_events: false } });
    expect(sink.sid).toMatch(/^DG[0-9a-f]{32}$/);
    expect(sink.links).toEqual({ sink_test: `${sink.url}/Test`, sink_validate: `${sink.url}/Validate` });
    await activate(sink.sid);
    expect((await client.events.v1.sinks(sink.sid).fetch()).status).toBe('active');

    const types = [
      { type: 'com.twilio.messaging.message.delivered', schema_version: 5 },
      { type: 'com.twilio.voice.insights.call-summary.complete', schema_version: 1 },
      { type: 'com.twilio.studio.flow.execution.ended', schema_version: 2 },
    ];
    const sub = await client.events.v1.subscriptions.create({ description: 'three types', sinkSid: sink.sid, types });
    expect(sub).toMatchObject({ sinkSid: sink.sid, description: 'three types', accountSid: hook.accountSid });
    const subscribed = await client.events.v1.subscriptions(sub.sid).subscribedEvents.list();
    expect(subscribed.map((s) => [s.type, s.schemaVersion])).toEqual(types.map((t) => [t.type, t.schema_version]));

    for (const t of [...types.map((x) => x.type), 'com.twilio.messaging.message.failed']) {
      const res = await fetch(`${hook.url}/_hookyard/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: t }) });
      expect(res.status).toBe(202);
    }
    const got = (await receiver.waitFor(4)).slice(1);
    await hook.idle();
    expect(receiver.received).toHaveLength(4); // the unsubscribed `failed` type went nowhere
    const events = got.map((r) => parseDelivery(hook, r));
    expect(events.map((e) => e.length)).toEqual([1, 1, 1]);
    // Deliveries run concurrently, so look each event up by type rather than by arrival order.
    const byType = (t: string) => events.map((e) => e[0]!).find((e) => e.type === t);
    const [message, summary, studio] = types.map((t) => byType(t.type));
    expect(message!.type).toBe('com.twilio.messaging.message.delivered');
    expect(message!.dataschema).toBe('https://events-schemas.twilio.com/Messaging.MessageStatus/5');
    expect(message!.source).toMatch(new RegExp(`^/2010-04-01/Accounts/${hook.accountSid}/Messages/SM[0-9a-f]{32}\\.json$`));
    expect(message!.data).toMatchObject({ accountSid: hook.accountSid, eventName: message!.type, apiVersion: '2010-04-01', messageStatus: 'DELIVERED' });
    expect(String(message!.data!['to'])).toMatch(/^\+\d{8,15}$/);
    expect(summary!.source).toMatch(/^\/v1\/Voice\/CA[0-9a-f]{32}\/Summary$/);
    expect(summary!.data).toMatchObject({ account_sid: hook.accountSid, processing_state: 'complete', call_type: 'client' });
    expect(summary!.data).toHaveProperty('properties.disconnected_by');
    expect(studio!.data).toMatchObject({ status: 'ended', ended_reason: 'FLOW_END' });
    expect(String(studio!.data!['flow_sid'])).toMatch(/^FW/);
    expect(hook.deliveries({ provider: 'twilio.events' }).map((d) => d.outcome)).toEqual(['delivered', 'delivered', 'delivered', 'delivered']);
  });

  it('batches events emitted together when batch_events is true; one per request otherwise', async () => {
    const batched = await webhookSink('/batched', true);
    const single = await webhookSink('/single', false);
    for (const s of [batched, single]) await activate(s.sid);
    const types = [{ type: 'com.twilio.messaging.inbound-message.received' }];
    for (const s of [batched, single]) await client.events.v1.subscriptions.create({ description: 'in', sinkSid: s.sid, types });
    receiver.received.length = 0;
    const { deliveries, events } = await hook.emit({ type: 'com.twilio.messaging.inbound-message.received', count: 3, wait: true });
    expect(events).toHaveLength(3);
    const byPath = (p: string) => receiver.received.filter((r) => new URL(r.url).pathname === p);
    expect(byPath('/batched').map((r) => parseDelivery(hook, r).length)).toEqual([3]);
    expect(byPath('/single').map((r) => parseDelivery(hook, r).length)).toEqual([1, 1, 1]);
    // The batch's three CloudEvents keep their own ids; each single request carries one of them.
    const batchIds = parseDelivery(hook, byPath('/batched')[0]!).map((e) => e.id);
    expect(new Set(batchIds).size).toBe(3);
    expect(byPath('/single').map((r) => parseDelivery(hook, r)[0]!.id).sort()).toEqual([...batchIds].sort());
    expect(deliveries.find((d) => d.target.id === batched.sid)!.eventIds).toHaveLength(3);
    const inbound = parseDelivery(hook, byPath('/batched')[0]!)[0]!;
    expect(Object.keys(inbound.data!).sort()).toEqual(['accountSid', 'body', 'eventName', 'from', 'messageSid', 'numMedia', 'numSegments', 'timestamp', 'to']);
  });

  it('sends Basic credentials from the destination as an Authorization header', async () => {
    const u = new URL(receiver.url);
    const sink = await webhookSink('/auth', false, `http://alice:s3cret@${u.host}/auth`);
    await client.events.v1.sinks(sink.sid).sinkTest.create();
    const [r] = await receiver.waitFor(1);
    expect(r!.headers['authorization']).toBe('Basic ' + Buffer.from('alice:s3cret').toString('base64'));
    parseDelivery(hook, r!);
  });

  it('validates only with the test id it sent; a failed test delivery fails the sink', async () => {
    const sink = await webhookSink('/v');
    await expectTwilioError(client.events.v1.sinks(sink.sid).sinkValidate.create({ testId: 'nothing-sent-yet' }), 400, 20001, /TestId/);
    await client.events.v1.sinks(sink.sid).sinkTest.create();
    await receiver.waitFor(1);
    expect((await client.events.v1.sinks(sink.sid).fetch()).status).toBe('validating');
    await expectTwilioError(client.events.v1.sinks(sink.sid).sinkValidate.create({ testId: 'wrong' }), 400, 20001, /TestId/);
    expect((await client.events.v1.sinks(sink.sid).fetch()).status).toBe('validating');
    await expectTwilioError(
      client.events.v1.subscriptions.create({ description: 'x', sinkSid: sink.sid, types: [{ type: 'com.twilio.messaging.message.sent' }] }),
      400,
      20001,
      /validating, not active/,
    );

    const dead = await webhookSink('/dead', false, 'http://127.0.0.1:1/dead');
    await client.events.v1.sinks(dead.sid).sinkTest.create();
    await hook.idle();
    await new Promise((r) => setImmediate(r));
    expect((await client.events.v1.sinks(dead.sid).fetch()).status).toBe('failed');
  });

  it('stores kinesis/segment/email sinks and records their events as not_delivered', async () => {
    const kinesis = await client.events.v1.sinks.create({
      description: 'stream',
      sinkType: 'kinesis',
      sinkConfiguration: { arn: 'arn:aws:kinesis:us-east-1:111111111:stream/test', role_arn: 'arn:aws:iam::111111111:role/Role', external_id: '1234567890' },
    });
    expect(kinesis).toMatchObject({ sinkType: 'kinesis', status: 'initialized' });
    await client.events.v1.sinks.create({ description: 'seg', sinkType: 'segment', sinkConfiguration: { write_key: 'k' } });
    await client.events.v1.sinks.create({ description: 'mail', sinkType: 'email', sinkConfiguration: {} });
    await client.events.v1.sinks(kinesis.sid).sinkTest.create();
    const [test] = hook.deliveries({ target: kinesis.sid });
    expect(test).toMatchObject({ outcome: 'not_delivered', attempts: [{ outcome: 'not_delivered', error: expect.stringMatching(/kinesis sinks are stored/) }] });
    // The journal keeps what would have been sent, so the test_id can be read there.
    const [sent] = JSON.parse(test!.attempts[0]!.request.body) as { type: string; data: { test_id: string } }[];
    expect(sent!.type).toBe('com.twilio.eventstreams.test-event');
    const testId = sent!.data.test_id;
    await client.events.v1.sinks(kinesis.sid).sinkValidate.create({ testId });
    await client.events.v1.subscriptions.create({ description: 'k', sinkSid: kinesis.sid, types: [{ type: 'com.twilio.error-logs.error.logged' }] });
    await hook.emit({ type: 'com.twilio.error-logs.error.logged', wait: true });
    expect(hook.deliveries({ target: kinesis.sid, type: 'com.twilio.error-logs.error.logged' })[0]!.outcome).toBe('not_delivered');
    expect(receiver.received).toEqual([]);
    expect((await client.events.v1.sinks.list()).map((s) => s.sinkType)).toEqual(['kinesis', 'segment', 'email']);
  });

  it('filters sinks by InUse and Status, subscriptions by SinkSid; refuses to delete a sink in use', async () => {
    const a = await webhookSink('/a');
    const b = await webhookSink('/b');
    await activate(a.sid);
    const sub = await client.events.v1.subscriptions.create({ description: 'a', sinkSid: a.sid, types: [{ type: 'com.twilio.messaging.message.sent', schema_version: 1 }] });
    expect((await client.events.v1.sinks.list({ inUse: true })).map((s) => s.sid)).toEqual([a.sid]);
    expect((await client.events.v1.sinks.list({ inUse: false })).map((s) => s.sid)).toEqual([b.sid]);
    expect((await client.events.v1.sinks.list({ status: 'initialized' })).map((s) => s.sid)).toEqual([b.sid]);
    expect((await client.events.v1.subscriptions.list({ sinkSid: a.sid })).map((s) => s.sid)).toEqual([sub.sid]);
    expect(await client.events.v1.subscriptions.list({ sinkSid: b.sid })).toEqual([]);
    await expectTwilioError(client.events.v1.sinks(a.sid).remove(), 400, 20001, new RegExp(`in use by subscription\\(s\\) ${sub.sid}`));
    expect((await client.events.v1.subscriptions(sub.sid).update({ description: 'renamed' })).description).toBe('renamed');
    expect((await client.events.v1.sinks(a.sid).update({ description: 'new' })).description).toBe('new');
    expect(await client.events.v1.subscriptions(sub.sid).remove()).toBe(true);
    expect(await client.events.v1.sinks(a.sid).remove()).toBe(true);
    await expectTwilioError(client.events.v1.sinks(a.sid).fetch(), 404, 20404);
  });

  it('manages SubscribedEvents by type, and delivers at the subscribed schema version', async () => {
    const sink = await webhookSink('/se');
    await activate(sink.sid);
    const sub = await client.events.v1.subscriptions.create({ description: 's', sinkSid: sink.sid, types: [{ type: 'com.twilio.messaging.message.sent' }] });
    const events = client.events.v1.subscriptions(sub.sid).subscribedEvents;
    expect((await events('com.twilio.messaging.message.sent').fetch()).schemaVersion).toBe(7); // latest when omitted
    const added = await events.create({ type: 'com.twilio.taskrouter.task.created', schemaVersion: 2 });
    expect(added).toMatchObject({ type: 'com.twilio.taskrouter.task.created', schemaVersion: 2, subscriptionSid: sub.sid });
    expect(added.url).toBe(`${hook.url}/v1/Subscriptions/${sub.sid}/SubscribedEvents/com.twilio.taskrouter.task.created`);
    expect((await events.create({ type: 'com.twilio.taskrouter.task.created', schemaVersion: 3 })).schemaVersion).toBe(3);
    expect((await events('com.twilio.taskrouter.task.created').update({ schemaVersion: 4 })).schemaVersion).toBe(4);
    expect((await events.list()).map((e) => [e.type, e.schemaVersion])).toEqual([
      ['com.twilio.messaging.message.sent', 7],
      ['com.twilio.taskrouter.task.created', 4],
    ]);
    receiver.received.length = 0;
    await hook.emit({ type: 'com.twilio.taskrouter.task.created', wait: true });
    const [ce] = parseDelivery(hook, receiver.received[0]!);
    expect(ce!.dataschema).toBe('https://events-schemas.twilio.com/TaskRouter.WDSEvent/4');
    expect(ce!.data).toMatchObject({ product_name: 'TaskRouter', payload: { eventtype: 'task.created' } });
    // An event pinned to another version reaches no one.
    await hook.emit({ type: 'com.twilio.taskrouter.task.created', schemaVersion: 1, wait: true });
    expect(receiver.received).toHaveLength(1);

    expect(await events('com.twilio.taskrouter.task.created').remove()).toBe(true);
    await expectTwilioError(events('com.twilio.taskrouter.task.created').fetch(), 404, 20404);
    await expectTwilioError(events.create({ type: 'com.twilio.nope' }), 400, 20001, /Type/);
    await expectTwilioError(events.create({ type: 'com.twilio.messaging.message.sent', schemaVersion: 99 }), 400, 20001, /versions 1\.\.7/);
  });

  it('serves the catalogue: types (filtered by schema), schemas and their versions', async () => {
    const all = await client.events.v1.eventTypes.list();
    expect(all.length).toBeGreaterThanOrEqual(40);
    for (const prefix of ['messaging.message.', 'messaging.inbound-message', 'voice.status-callback', 'voice.insights.call-event', 'voice.insights.call-summary', 'studio.', 'taskrouter.', 'accountsecurity.verify.verification', 'accountsecurity.verify.message', 'conversations.', 'error-logs.', 'eventstreams.test-event']) {
      expect(all.some((t) => t.type.startsWith(`com.twilio.${prefix}`)), prefix).toBe(true);
    }
    const messaging = await client.events.v1.eventTypes.list({ schemaId: 'Messaging.MessageStatus' });
    expect(messaging.map((t) => t.type.split('.').at(-1))).toEqual(['queued', 'sent', 'delivered', 'failed', 'undelivered', 'read']);
    const delivered = await client.events.v1.eventTypes('com.twilio.messaging.message.delivered').fetch();
    expect(delivered).toMatchObject({ schemaId: 'Messaging.MessageStatus', status: 'available', links: { schema: `${hook.url}/v1/Schemas/Messaging.MessageStatus/Versions` } });
    const schema = await client.events.v1.schemas('Messaging.MessageStatus').fetch();
    expect(schema).toMatchObject({ id: 'Messaging.MessageStatus', latestVersion: 7 });
    const versions = await client.events.v1.schemas('Messaging.MessageStatus').versions.list({ pageSize: 3 });
    expect(versions.map((v) => v.schemaVersion)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const v2 = await client.events.v1.schemas('Messaging.MessageStatus').versions(2).fetch();
    expect(v2.raw).toBe('https://events-schemas.twilio.com/Messaging.MessageStatus/2');
    await expectTwilioError(client.events.v1.schemas('Nope.Schema').fetch(), 404, 20404);
    await expectTwilioError(client.events.v1.eventTypes('com.twilio.nope').fetch(), 404, 20404);
  });

  it('rejects bad input on every create and update, naming the field, and stores nothing', async () => {
    const active = await webhookSink('/ok');
    await activate(active.sid);
    const sub = await client.events.v1.subscriptions.create({ description: 'ok', sinkSid: active.sid, types: [{ type: 'com.twilio.messaging.message.sent' }] });
    const sinkCfg = { destination: `${receiver.url}/x`, method: 'POST', batch_events: false };
    const bad: [Promise<unknown>, number, RegExp][] = [
      [client.events.v1.sinks.create({ description: '', sinkType: 'webhook', sinkConfiguration: sinkCfg }), 20001, /Description/],
      [client.events.v1.sinks.create({ description: 'x', sinkType: 'ftp' as never, sinkConfiguration: sinkCfg }), 20001, /SinkType/],
      [client.events.v1.sinks.create({ description: 'x', sinkType: 'webhook', sinkConfiguration: { ...sinkCfg, destination: undefined } }), 91000, /destination/],
      [client.events.v1.sinks.create({ description: 'x', sinkType: 'webhook', sinkConfiguration: { ...sinkCfg, destination: 'not a url' } }), 91000, /destination/],
      [client.events.v1.sinks.create({ description: 'x', sinkType: 'webhook', sinkConfiguration: { ...sinkCfg, method: 'PUT' } }), 91000, /method/],
      [client.events.v1.sinks.create({ description: 'x', sinkType: 'webhook', sinkConfiguration: { destination: sinkCfg.destination, method: 'POST' } }), 91000, /batch_events/],
      [client.events.v1.sinks.create({ description: 'x', sinkType: 'kinesis', sinkConfiguration: { arn: 'a', role_arn: 'r' } }), 91000, /external_id/],
      [client.events.v1.sinks.create({ description: 'x', sinkType: 'segment', sinkConfiguration: {} }), 91000, /write_key/],
      [client.events.v1.sinks(active.sid).update({ description: '' }), 20001, /Description/],
      [client.events.v1.subscriptions.create({ description: '', sinkSid: active.sid, types: [{ type: 'com.twilio.messaging.message.sent' }] }), 20001, /Description/],
      [client.events.v1.subscriptions.create({ description: 'x', sinkSid: '', types: [{ type: 'com.twilio.messaging.message.sent' }] }), 20001, /SinkSid/],
      [client.events.v1.subscriptions.create({ description: 'x', sinkSid: 'DGnope', types: [{ type: 'com.twilio.messaging.message.sent' }] }), 20001, /SinkSid/],
      [client.events.v1.subscriptions.create({ description: 'x', sinkSid: active.sid, types: [] }), 20001, /Types/],
      [client.events.v1.subscriptions.create({ description: 'x', sinkSid: active.sid, types: [{ type: 'com.twilio.nope' }] }), 20001, /Types.*com\.twilio\.nope/],
      [client.events.v1.subscriptions.create({ description: 'x', sinkSid: active.sid, types: [{ type: 'com.twilio.messaging.message.sent', schema_version: 0 }] }), 20001, /Types/],
      [client.events.v1.subscriptions.create({ description: 'x', sinkSid: active.sid, types: [{ type: 'com.twilio.messaging.message.sent' }, { type: 'com.twilio.messaging.message.sent' }] }), 20001, /twice/],
      [client.events.v1.subscriptions(sub.sid).subscribedEvents.create({ type: '' }), 20001, /Type/],
      [client.events.v1.subscriptions(sub.sid).subscribedEvents('com.twilio.messaging.message.sent').update({ schemaVersion: 42 }), 20001, /SchemaVersion/],
    ];
    for (const [call, code, message] of bad) await expectTwilioError(call, 400, code, message);
    // Raw form: a Types element that is not JSON, and SinkConfiguration that is not JSON.
    const auth = { authorization: 'Basic ' + Buffer.from(`${hook.accountSid}:${hook.authToken}`).toString('base64') };
    const raw = async (path: string, body: string) => fetch(`${hook.url}${path}`, { method: 'POST', headers: auth, body: new URLSearchParams(body) });
    const notJson = await raw('/v1/Subscriptions', `Description=x&SinkSid=${active.sid}&Types=nope`);
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { message: string }).message).toMatch(/Types/);
    const badCfg = await raw('/v1/Sinks', 'Description=x&SinkType=webhook&SinkConfiguration={oops');
    expect(await badCfg.json()).toMatchObject({ code: 91000, status: 400, message: expect.stringMatching(/SinkConfiguration/) });

    expect((await client.events.v1.sinks.list()).map((s) => s.sid)).toEqual([active.sid]);
    expect((await client.events.v1.subscriptions.list()).map((s) => s.sid)).toEqual([sub.sid]);
    expect((await client.events.v1.subscriptions(sub.sid).subscribedEvents.list()).map((e) => [e.type, e.schemaVersion])).toEqual([['com.twilio.messaging.message.sent', 7]]);
  });
});
