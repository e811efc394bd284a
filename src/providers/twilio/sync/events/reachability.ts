import { createCollection } from '../../../../core/collection.js';
import type { Context } from '../../../../core/context.js';
import type { Timer } from '../../../../core/clock.js';
import { newUuid } from '../../../../core/ids.js';
import type { HookyardEvent } from '../../../../events/event.js';
import { ENDPOINTS_BY_IDENTITY, SYNC_TABLES, type SyncEndpoint, type SyncIdentity, type SyncService } from '../model.js';
import { syncEvent } from './types.js';

/** Debounced disconnects waiting for their window, per context and service/identity. */
const pending = new WeakMap<Context, Map<string, Timer>>();

function nextEventId(ctx: Context, service: SyncService, identity: string): number {
  const identities = createCollection<SyncIdentity>(ctx.store, SYNC_TABLES.identities);
  const sid = `${service.sid}/${identity}`;
  const row = identities.get(service.accountSid, sid);
  if (row) return identities.replace(service.accountSid, { ...row, eventSeq: row.eventSeq + 1 }).eventSeq;
  return identities.insert(service.accountSid, { sid, serviceSid: service.sid, identity, eventSeq: 1 }).eventSeq;
}

const endpointsOf = (ctx: Context, service: SyncService, identity: string) =>
  createCollection<SyncEndpoint>(ctx.store, SYNC_TABLES.endpoints).by(service.accountSid, ENDPOINTS_BY_IDENTITY, `${service.sid} ${identity}`);

/**
 * `endpoint_connected`: the endpoint is stored and the identity is online. A reconnect inside a pending
 * debounce window cancels that disconnect and is itself not reported: to the webhook nothing happened.
 * @see https://www.twilio.com/docs/sync/webhooks#reachability-events
 */
export function connectEndpoint(ctx: Context, service: SyncService, identity: string, endpointId = newUuid(ctx.random)): HookyardEvent {
  createCollection<SyncEndpoint>(ctx.store, SYNC_TABLES.endpoints).insert(service.accountSid, { sid: endpointId, serviceSid: service.sid, identity });
  const key = `${service.sid}/${identity}`;
  const waiting = pending.get(ctx)?.get(key);
  const event = syncEvent(ctx, service.accountSid, 'endpoint_connected', { serviceSid: service.sid, actor: { identity, endpointId, fromRest: false }, eventId: nextEventId(ctx, service, identity), isIdentityOnline: true });
  if (waiting) {
    waiting.cancel();
    pending.get(ctx)!.delete(key);
    event.data['suppressed'] = 'reconnected within the debouncing window: the held disconnect and this connect cancel out';
  }
  return event;
}

/**
 * `endpoint_disconnected`: `IsIdentityOnline` stays true while the identity has another endpoint. With
 * debouncing enabled, a disconnect that leaves the identity offline is held for the window and sent only if
 * the identity is still offline then (on the injected clock).
 */
export function disconnectEndpoint(ctx: Context, service: SyncService, identity: string, endpointId: string | undefined): HookyardEvent {
  const endpoints = createCollection<SyncEndpoint>(ctx.store, SYNC_TABLES.endpoints);
  const mine = endpointsOf(ctx, service, identity);
  const gone = mine.find((e) => e.sid === endpointId) ?? mine.at(-1);
  if (gone) endpoints.remove(service.accountSid, gone.sid);
  const online = endpointsOf(ctx, service, identity).length > 0;
  const actor = { identity, endpointId: gone?.sid ?? endpointId ?? newUuid(ctx.random), fromRest: false };
  if (online || !service.reachabilityDebouncingEnabled) {
    return syncEvent(ctx, service.accountSid, 'endpoint_disconnected', { serviceSid: service.sid, actor, eventId: nextEventId(ctx, service, identity), isIdentityOnline: online });
  }
  const window = service.reachabilityDebouncingWindow;
  const key = `${service.sid}/${identity}`;
  const timers = pending.get(ctx) ?? new Map<string, Timer>();
  pending.set(ctx, timers);
  timers.get(key)?.cancel();
  timers.set(
    key,
    ctx.clock.setTimer(window, () => {
      timers.delete(key);
      if (endpointsOf(ctx, service, identity).length > 0) return;
      ctx.emitter.emit(syncEvent(ctx, service.accountSid, 'endpoint_disconnected', { serviceSid: service.sid, actor, eventId: nextEventId(ctx, service, identity), isIdentityOnline: false }));
      void ctx.store.commit().catch((err: Error) => ctx.log.error(`could not store reachability state: ${err.message}`));
    }),
  );
  const until = new Date(ctx.clock.now().getTime() + window).toISOString();
  return syncEvent(ctx, service.accountSid, 'endpoint_disconnected', { serviceSid: service.sid, actor, isIdentityOnline: false, deferredUntil: until });
}

/** After the state was replaced: held disconnects belong to endpoints that may no longer exist, so they are dropped. */
export function dropHeldDisconnects(ctx: Context): void {
  for (const t of pending.get(ctx)?.values() ?? []) t.cancel();
  pending.delete(ctx);
}
