import type { Hono } from 'hono';
import { createCollection } from '../../../../core/collection.js';
import type { Context } from '../../../../core/context.js';
import { toIsoSeconds } from '../../../../core/clock.js';
import { newSid } from '../../../../core/ids.js';
import { readForm } from '../../common/app.js';
import type { TwilioEnv } from '../../common/auth.js';
import { requireRow } from '../../common/resource.js';
import { publicOrigin } from '../../../hosts.js';
import { toPageJson } from '../../common/page.js';
import { VERIFY_PATHS } from '../paths.js';
import { requireService } from '../services/routes.js';
import { VERIFY_WEBHOOKS, WEBHOOKS_BY_SERVICE, type VerifyWebhook } from './model.js';
import { parseWebhookParams, toWebhookJson } from './serialize.js';

/**
 * Verify Webhooks: createWebhook, listWebhook, fetchWebhook, updateWebhook, deleteWebhook.
 * @see https://www.twilio.com/docs/verify/api/webhooks
 */
export function routeWebhooks(app: Hono<TwilioEnv>, ctx: Context): void {
  const webhooks = createCollection<VerifyWebhook>(ctx.store, VERIFY_WEBHOOKS);

  const requireWebhook = (accountSid: string, serviceSid: string, sid: string) => {
    requireService(ctx, accountSid, serviceSid);
    return requireRow(webhooks, accountSid, sid, 'verifyWebhook', `/Services/${serviceSid}/Webhooks/${sid}`, (w) => w.serviceSid === serviceSid);
  };

  app.post(VERIFY_PATHS.webhooks, async function createWebhook(c) {
    const form = await readForm(c);
    const service = requireService(ctx, c.get('accountSid'), c.req.param('ServiceSid'));
    const p = parseWebhookParams(form, true);
    const now = toIsoSeconds(ctx.clock.now());
    const row = webhooks.insert(c.get('accountSid'), {
      sid: newSid(ctx.random, 'verifyWebhook'),
      accountSid: c.get('accountSid'),
      serviceSid: service.sid,
      friendlyName: p.friendlyName!,
      eventTypes: p.eventTypes!,
      webhookUrl: p.webhookUrl!,
      status: p.status ?? 'enabled',
      version: p.version ?? 'v2',
      dateCreated: now,
      dateUpdated: now,
    });
    await ctx.store.commit();
    return c.json(toWebhookJson(row, publicOrigin(c)), 201);
  });

  app.get(VERIFY_PATHS.webhooks, function listWebhook(c) {
    const service = requireService(ctx, c.get('accountSid'), c.req.param('ServiceSid'));
    const origin = publicOrigin(c);
    const rows = webhooks.by(c.get('accountSid'), WEBHOOKS_BY_SERVICE, service.sid);
    return c.json(toPageJson(c, 'webhooks', rows, (w) => toWebhookJson(w, origin)));
  });

  app.get(VERIFY_PATHS.webhook, function fetchWebhook(c) {
    const w = requireWebhook(c.get('accountSid'), c.req.param('ServiceSid'), c.req.param('Sid'));
    return c.json(toWebhookJson(w, publicOrigin(c)));
  });

  app.post(VERIFY_PATHS.webhook, async function updateWebhook(c) {
    const form = await readForm(c);
    const w = requireWebhook(c.get('accountSid'), c.req.param('ServiceSid'), c.req.param('Sid'));
    const p = parseWebhookParams(form, false);
    const row = webhooks.replace(c.get('accountSid'), {
      ...w,
      friendlyName: p.friendlyName ?? w.friendlyName,
      eventTypes: p.eventTypes ?? w.eventTypes,
      webhookUrl: p.webhookUrl ?? w.webhookUrl,
      status: p.status ?? w.status,
      version: p.version ?? w.version,
      dateUpdated: toIsoSeconds(ctx.clock.now()),
    });
    await ctx.store.commit();
    return c.json(toWebhookJson(row, publicOrigin(c)));
  });

  app.delete(VERIFY_PATHS.webhook, async function deleteWebhook(c) {
    const w = requireWebhook(c.get('accountSid'), c.req.param('ServiceSid'), c.req.param('Sid'));
    webhooks.remove(c.get('accountSid'), w.sid);
    await ctx.store.commit();
    return c.body(null, 204);
  });
}
