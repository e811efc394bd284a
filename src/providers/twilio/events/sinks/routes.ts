import type { Hono } from 'hono';
import { toIsoSeconds } from '../../../../core/clock.js';
import { createCollection } from '../../../../core/collection.js';
import type { Context } from '../../../../core/context.js';
import { invalidParam } from '../../../../core/errors.js';
import { newSid, newUuid } from '../../../../core/ids.js';
import { publicOrigin } from '../../../hosts.js';
import { readForm } from '../../common/app.js';
import type { TwilioEnv } from '../../common/auth.js';
import { requireRow } from '../../common/resource.js';
import { toPageJson } from '../../common/page.js';
import { bool, oneOf, str, toForm } from '../../common/params.js';
import { TEST_EVENT_TYPE } from '../catalog/catalog.js';
import { EVENTS_PATHS } from '../paths.js';
import { buildStreamEvent, toSinkPlans } from '../stream-events.js';
import { EVENTS_SUBSCRIPTIONS, SUBSCRIPTIONS_BY_SINK, type Subscription } from '../subscriptions/model.js';
import { EVENTS_SINKS, SINK_STATUSES, type Sink } from './model.js';
import { parseSinkConfiguration, parseSinkType, toSinkJson } from './serialize.js';

export function requireSink(ctx: Context, accountSid: string, sid: string): Sink {
  return requireRow(createCollection<Sink>(ctx.store, EVENTS_SINKS), accountSid, sid, 'eventSink', `/Sinks/${sid}`);
}

/**
 * Sinks: createSink, listSink, fetchSink, updateSink, deleteSink, createSinkTest, createSinkValidate.
 * Status: `initialized` on create → `validating` on Test → `active` on Validate with the test's id, or
 * `failed` when the test event cannot be delivered. Twilio documents the states, not the transitions;
 * these are hookyard's choice.
 * @see https://www.twilio.com/docs/events/sink-resource
 */
export function routeSinks(app: Hono<TwilioEnv>, ctx: Context): void {
  const sinks = createCollection<Sink>(ctx.store, EVENTS_SINKS);
  const subscriptions = createCollection<Subscription>(ctx.store, EVENTS_SUBSCRIPTIONS);
  const inUse = (accountSid: string, sid: string) => subscriptions.by(accountSid, SUBSCRIPTIONS_BY_SINK, sid).length > 0;

  app.post(EVENTS_PATHS.sinks, async function createSink(c) {
    const form = await readForm(c);
    const description = str(form, 'Description', { required: true })!;
    const sinkType = parseSinkType(str(form, 'SinkType', { required: true })!);
    const sinkConfiguration = parseSinkConfiguration(str(form, 'SinkConfiguration', { required: true })!, sinkType);
    const now = toIsoSeconds(ctx.clock.now());
    const row = sinks.insert(c.get('accountSid'), {
      sid: newSid(ctx.random, 'eventSink'),
      accountSid: c.get('accountSid'),
      description,
      sinkType,
      sinkConfiguration,
      status: 'initialized',
      testId: null,
      dateCreated: now,
      dateUpdated: now,
    });
    await ctx.store.commit();
    return c.json(toSinkJson(row, publicOrigin(c)), 201);
  });

  app.get(EVENTS_PATHS.sinks, function listSink(c) {
    const q = toForm(new URL(c.req.url).search.slice(1));
    const used = bool(q, 'InUse');
    const status = oneOf(q, 'Status', SINK_STATUSES);
    const keep = (s: Sink) => (used === undefined || inUse(c.get('accountSid'), s.sid) === used) && (status === undefined || s.status === status);
    const origin = publicOrigin(c);
    const filters = { InUse: used === undefined ? undefined : String(used), Status: status };
    return c.json(toPageJson(c, 'sinks', sinks.list(c.get('accountSid')), (s) => toSinkJson(s, origin), filters, undefined, keep));
  });

  app.get(EVENTS_PATHS.sink, function fetchSink(c) {
    return c.json(toSinkJson(requireSink(ctx, c.get('accountSid'), c.req.param('Sid')), publicOrigin(c)));
  });

  app.post(EVENTS_PATHS.sink, async function updateSink(c) {
    const form = await readForm(c);
    const sink = requireSink(ctx, c.get('accountSid'), c.req.param('Sid'));
    const description = str(form, 'Description', { required: true })!;
    const row = sinks.replace(c.get('accountSid'), { ...sink, description, dateUpdated: toIsoSeconds(ctx.clock.now()) });
    await ctx.store.commit();
    return c.json(toSinkJson(row, publicOrigin(c)));
  });

  app.delete(EVENTS_PATHS.sink, async function deleteSink(c) {
    const sink = requireSink(ctx, c.get('accountSid'), c.req.param('Sid'));
    if (inUse(c.get('accountSid'), sink.sid)) {
      // hookyard's choice (Twilio does not document it): 400 / 20001, naming the subscriptions to delete first.
      const subs = subscriptions.by(c.get('accountSid'), SUBSCRIPTIONS_BY_SINK, sink.sid).map((s) => s.sid);
      throw invalidParam('Sid', `Sink ${sink.sid} is in use by subscription(s) ${subs.join(', ')}; delete them first`);
    }
    sinks.remove(c.get('accountSid'), sink.sid);
    await ctx.store.commit();
    return c.body(null, 204);
  });

  app.post(EVENTS_PATHS.sinkTest, async function createSinkTest(c) {
    const sink = requireSink(ctx, c.get('accountSid'), c.req.param('Sid'));
    const testId = newUuid(ctx.random);
    const event = await buildStreamEvent(ctx, sink.accountSid, { type: TEST_EVENT_TYPE, input: {}, data: { test_id: testId } });
    sinks.replace(c.get('accountSid'), { ...sink, status: 'validating', testId, dateUpdated: toIsoSeconds(ctx.clock.now()) });
    await ctx.store.commit();
    for (const plan of toSinkPlans(ctx, sink, [{ event, schemaVersion: 1 }], true)) {
      void ctx.delivery.deliver(plan).done.then(async (record) => {
        const current = sinks.get(sink.accountSid, sink.sid);
        if (sink.sinkType !== 'webhook' || record.outcome === 'delivered' || current?.testId !== testId || current.status !== 'validating') return;
        sinks.replace(sink.accountSid, { ...current, status: 'failed', dateUpdated: toIsoSeconds(ctx.clock.now()) });
        await ctx.store.commit().catch((err: Error) => ctx.log.error(`could not store sink ${sink.sid} as failed: ${err.message}`));
      });
    }
    return c.json({ result: 'submitted' }, 201);
  });

  app.post(EVENTS_PATHS.sinkValidate, async function createSinkValidate(c) {
    const form = await readForm(c);
    const sink = requireSink(ctx, c.get('accountSid'), c.req.param('Sid'));
    const testId = str(form, 'TestId', { required: true })!;
    if (sink.testId === null || testId !== sink.testId) {
      throw invalidParam('TestId', `Invalid parameter TestId: '${testId}' is not the test_id of the last test event sent to sink ${sink.sid}`);
    }
    sinks.replace(c.get('accountSid'), { ...sink, status: 'active', dateUpdated: toIsoSeconds(ctx.clock.now()) });
    await ctx.store.commit();
    return c.json({ result: 'valid' }, 201);
  });
}
