import type { Hono } from 'hono';
import { toIsoSeconds } from '../../../../core/clock.js';
import { createCollection } from '../../../../core/collection.js';
import type { Context } from '../../../../core/context.js';
import { defined } from '../../../../core/defined.js';
import { newSid } from '../../../../core/ids.js';
import { publicOrigin } from '../../../hosts.js';
import { readForm } from '../../common/app.js';
import type { TwilioEnv } from '../../common/auth.js';
import { toPageJson } from '../../common/page.js';
import { bool, int, str, url, type Form } from '../../common/params.js';
import { requireRow } from '../../common/resource.js';
import { SYNC_TABLES, type SyncService } from '../model.js';
import { SYNC_PATHS } from '../paths.js';

export const requireSyncService = (ctx: Context, accountSid: string, sid: string): SyncService =>
  requireRow(createCollection<SyncService>(ctx.store, SYNC_TABLES.services), accountSid, sid, 'syncService', `/Services/${sid}`);

const parseServiceParams = (form: Form) => ({
  friendlyName: str(form, 'FriendlyName', { max: 255 }),
  webhookUrl: form.get('WebhookUrl')?.at(-1) === '' ? null : url(form, 'WebhookUrl'),
  webhooksFromRestEnabled: bool(form, 'WebhooksFromRestEnabled'),
  reachabilityWebhooksEnabled: bool(form, 'ReachabilityWebhooksEnabled'),
  aclEnabled: bool(form, 'AclEnabled'),
  reachabilityDebouncingEnabled: bool(form, 'ReachabilityDebouncingEnabled'),
  reachabilityDebouncingWindow: int(form, 'ReachabilityDebouncingWindow', { min: 1000, max: 30000 }),
});

function toServiceJson(s: SyncService, origin: string) {
  const u = `${origin}/v1/Services/${s.sid}`;
  return {
    sid: s.sid,
    unique_name: null,
    account_sid: s.accountSid,
    friendly_name: s.friendlyName,
    date_created: s.dateCreated,
    date_updated: s.dateUpdated,
    url: u,
    webhook_url: s.webhookUrl,
    webhooks_from_rest_enabled: s.webhooksFromRestEnabled,
    reachability_webhooks_enabled: s.reachabilityWebhooksEnabled,
    acl_enabled: s.aclEnabled,
    reachability_debouncing_enabled: s.reachabilityDebouncingEnabled,
    reachability_debouncing_window: s.reachabilityDebouncingWindow,
    links: { documents: `${u}/Documents`, lists: `${u}/Lists`, maps: `${u}/Maps`, streams: `${u}/Streams` },
  };
}


/**
 * Sync Services: createService, listService, fetchService, updateService, deleteService (which deletes
 * everything in the service).
 * @see https://www.twilio.com/docs/sync/api/service
 */
export function routeSyncServices(app: Hono<TwilioEnv>, ctx: Context): void {
  const services = createCollection<SyncService>(ctx.store, SYNC_TABLES.services);

  app.post(SYNC_PATHS.services, async function createService(c) {
    const p = parseServiceParams(await readForm(c));
    const now = toIsoSeconds(ctx.clock.now());
    const row = services.insert(c.get('accountSid'), {
      sid: newSid(ctx.random, 'syncService'),
      accountSid: c.get('accountSid'),
      friendlyName: null,
      webhookUrl: null,
      webhooksFromRestEnabled: false,
      reachabilityWebhooksEnabled: false,
      aclEnabled: false,
      reachabilityDebouncingEnabled: false,
      reachabilityDebouncingWindow: 5000,
      dateCreated: now,
      dateUpdated: now,
      ...defined(p),
    });
    await ctx.store.commit();
    return c.json(toServiceJson(row, publicOrigin(c)), 201);
  });

  app.get(SYNC_PATHS.services, function listService(c) {
    const origin = publicOrigin(c);
    return c.json(toPageJson(c, 'services', services.list(c.get('accountSid')), (s) => toServiceJson(s, origin), {}, 100));
  });

  app.get(SYNC_PATHS.service, function fetchService(c) {
    return c.json(toServiceJson(requireSyncService(ctx, c.get('accountSid'), c.req.param('Sid')), publicOrigin(c)));
  });

  app.post(SYNC_PATHS.service, async function updateService(c) {
    const form = await readForm(c);
    const s = requireSyncService(ctx, c.get('accountSid'), c.req.param('Sid'));
    const p = parseServiceParams(form);
    const row = services.replace(c.get('accountSid'), { ...s, ...defined(p), dateUpdated: toIsoSeconds(ctx.clock.now()) });
    await ctx.store.commit();
    return c.json(toServiceJson(row, publicOrigin(c)));
  });

  app.delete(SYNC_PATHS.service, async function deleteService(c) {
    const s = requireSyncService(ctx, c.get('accountSid'), c.req.param('Sid'));
    services.remove(c.get('accountSid'), s.sid);
    for (const table of [SYNC_TABLES.objects, SYNC_TABLES.items, SYNC_TABLES.endpoints, SYNC_TABLES.identities, SYNC_TABLES.streams, SYNC_TABLES.permissions]) {
      createCollection<{ sid: string; serviceSid: string }>(ctx.store, table).removeWhere(c.get('accountSid'), (r) => r.serviceSid === s.sid);
    }
    await ctx.store.commit();
    return c.body(null, 204);
  });
}
