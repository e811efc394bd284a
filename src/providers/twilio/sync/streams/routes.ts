import type { Context as HonoContext, Hono } from 'hono';
import { toIsoSeconds } from '../../../../core/clock.js';
import { createCollection } from '../../../../core/collection.js';
import type { Context } from '../../../../core/context.js';
import { HookyardError, invalidParam } from '../../../../core/errors.js';
import { isSid, newSid } from '../../../../core/ids.js';
import { publicOrigin } from '../../../hosts.js';
import { readForm } from '../../common/app.js';
import type { TwilioEnv } from '../../common/auth.js';
import { toPageJson } from '../../common/page.js';
import { str } from '../../common/params.js';
import { uniqueNameTaken } from '../errors.js';
import { STREAMS_BY_NAME, STREAMS_BY_SERVICE, SYNC_TABLES, type SyncStream } from '../model.js';
import { expiry, isLive, readData, readTtl } from '../objects/ops.js';
import { SYNC_PATHS } from '../paths.js';
import { requireSyncService } from '../services/routes.js';

/** A stream message's body: JSON, at most 4 KiB (Sync's limit). */
const MAX_MESSAGE_BYTES = 4 * 1024;

const toStreamJson = (s: SyncStream, origin: string) => {
  const url = `${origin}/v1/Services/${s.serviceSid}/Streams/${s.sid}`;
  return { sid: s.sid, unique_name: s.uniqueName, account_sid: s.accountSid, service_sid: s.serviceSid, url, links: { messages: `${url}/Messages` }, date_expires: s.dateExpires, date_created: s.dateCreated, date_updated: s.dateUpdated, created_by: s.createdBy };
};

/**
 * Streams: createSyncStream, listSyncStream, fetchSyncStream (by SID or unique name), updateSyncStream
 * (`Ttl`), deleteSyncStream, and createStreamMessage. Messages are ephemeral, as on Twilio: accepted and
 * answered, never stored (there is no client connected to receive them). TTLs follow hookyard's clock.
 * @see https://www.twilio.com/docs/sync/api/stream-resource
 */
export function routeSyncStreams(app: Hono<TwilioEnv>, ctx: Context): void {
  const streams = createCollection<SyncStream>(ctx.store, SYNC_TABLES.streams);
  const live = (s: SyncStream) => isLive(s, ctx.clock.now());
  const find = (c: HonoContext<TwilioEnv>, id: string) => {
    const service = requireSyncService(ctx, c.get('accountSid'), c.req.param('ServiceSid')!);
    const row = isSid(id, 'syncStream') ? streams.get(c.get('accountSid'), id) : streams.by(c.get('accountSid'), STREAMS_BY_NAME, `${service.sid} ${id}`)[0];
    if (!row || row.serviceSid !== service.sid || !live(row)) {
      if (row && !live(row)) streams.remove(c.get('accountSid'), row.sid);
      throw new HookyardError('not_found', `Stream ${id} not found`, { code: 54300 });
    }
    return row;
  };

  app.post(SYNC_PATHS.streams, async function createSyncStream(c) {
    const form = await readForm(c);
    const service = requireSyncService(ctx, c.get('accountSid'), c.req.param('ServiceSid'));
    const uniqueName = str(form, 'UniqueName', { max: 320 });
    if (uniqueName !== undefined && /^[A-Z]{2}[0-9a-fA-F]{32}$/.test(uniqueName)) throw invalidParam('UniqueName', 'Invalid parameter UniqueName: must not look like a SID', 54302);
    if (uniqueName !== undefined && streams.by(c.get('accountSid'), STREAMS_BY_NAME, `${service.sid} ${uniqueName}`).some(live)) throw uniqueNameTaken(uniqueName);
    const now = ctx.clock.now();
    const row = streams.insert(c.get('accountSid'), {
      sid: newSid(ctx.random, 'syncStream'), accountSid: c.get('accountSid'), serviceSid: service.sid, uniqueName: uniqueName ?? null,
      dateExpires: expiry(now, readTtl(form, 'Ttl'), null), dateCreated: toIsoSeconds(now), dateUpdated: toIsoSeconds(now), createdBy: 'system',
    });
    await ctx.store.commit();
    return c.json(toStreamJson(row, publicOrigin(c)), 201);
  });

  app.get(SYNC_PATHS.streams, function listSyncStream(c) {
    const service = requireSyncService(ctx, c.get('accountSid'), c.req.param('ServiceSid'));
    const origin = publicOrigin(c);
    return c.json(toPageJson(c, 'streams', streams.by(c.get('accountSid'), STREAMS_BY_SERVICE, service.sid), (s) => toStreamJson(s, origin), {}, 100, live));
  });

  app.get(SYNC_PATHS.stream, function fetchSyncStream(c) {
    return c.json(toStreamJson(find(c, c.req.param('Sid')), publicOrigin(c)));
  });

  app.post(SYNC_PATHS.stream, async function updateSyncStream(c) {
    const form = await readForm(c);
    const s = find(c, c.req.param('Sid'));
    const now = ctx.clock.now();
    const row = streams.replace(c.get('accountSid'), { ...s, dateExpires: expiry(now, readTtl(form, 'Ttl'), s.dateExpires), dateUpdated: toIsoSeconds(now) });
    await ctx.store.commit();
    return c.json(toStreamJson(row, publicOrigin(c)));
  });

  app.delete(SYNC_PATHS.stream, async function deleteSyncStream(c) {
    streams.remove(c.get('accountSid'), find(c, c.req.param('Sid')).sid);
    await ctx.store.commit();
    return c.body(null, 204);
  });

  app.post(SYNC_PATHS.streamMessages, async function createStreamMessage(c) {
    const form = await readForm(c);
    find(c, c.req.param('StreamSid'));
    const data = readData(form, true, MAX_MESSAGE_BYTES, 54006);
    return c.json({ sid: newSid(ctx.random, 'syncStreamMessage'), data }, 201);
  });
}
