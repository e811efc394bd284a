import type { Hono } from 'hono';
import { ulid } from 'ulid';
import { createCollection } from '../../../../core/collection.js';
import type { Context } from '../../../../core/context.js';
import type { SinchEnv } from '../../common/auth.js';
import { sinchError } from '../../common/errors.js';
import { PROVISIONING_PATHS } from '../paths.js';
import { SINCH_WEBHOOK_LIMIT, SINCH_WEBHOOKS, type SinchWebhook } from './model.js';
import { toWebhookPage } from './page.js';
import { parseJsonBody, parseWebhookInput, toWebhookDto, type WebhookInput } from './serialize.js';

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/**
 * Provisioning API webhooks: list, create, get, replace (PUT), update (PATCH), delete.
 * Checks and inserts run without an await between them, so concurrent creates never pass the cap.
 * @see https://developers.sinch.com/docs/provisioning-api/api-reference/provisioning-api/webhooks
 */
export function routeSinchWebhooks(app: Hono<SinchEnv>, ctx: Context): void {
  const webhooks = createCollection<SinchWebhook>(ctx.store, SINCH_WEBHOOKS);

  const requireWebhook = (projectId: string, id: string) => {
    if (!ULID.test(id)) throw sinchError('invalid_id_format');
    const w = webhooks.get(projectId, id);
    if (!w) throw sinchError('webhook_not_found');
    return w;
  };
  const assertUniqueTarget = (projectId: string, target: string | undefined, self?: string) => {
    if (target !== undefined && webhooks.list(projectId).some((w) => w.target === target && w.sid !== self)) throw sinchError('webhook_exists');
  };
  const save = async (w: SinchWebhook, input: WebhookInput) => {
    assertUniqueTarget(w.projectId, input.target, w.sid);
    const row = webhooks.replace(w.projectId, { ...w, target: input.target ?? w.target, secret: input.secret ?? w.secret, triggers: input.triggers ?? w.triggers });
    await ctx.store.commit();
    return toWebhookDto(row);
  };

  app.get(PROVISIONING_PATHS.webhooks, function listWebhooks(c) {
    const page = toWebhookPage(webhooks.list(c.get('projectId')), { pageSize: c.req.query('pageSize'), pageToken: c.req.query('pageToken') });
    return c.json({ ...page, webhooks: page.webhooks.map(toWebhookDto) });
  });

  app.post(PROVISIONING_PATHS.webhooks, async function createWebhook(c) {
    const input = parseWebhookInput(parseJsonBody(await c.req.text()), false);
    const projectId = c.get('projectId');
    assertUniqueTarget(projectId, input.target);
    if (webhooks.count(projectId) >= SINCH_WEBHOOK_LIMIT) throw sinchError('webhook_limit_reached');
    const row = webhooks.insert(projectId, {
      sid: ulid(ctx.clock.now().getTime(), () => ctx.random.float()),
      projectId,
      target: input.target!,
      secret: input.secret!,
      triggers: input.triggers!,
    });
    await ctx.store.commit();
    return c.json(toWebhookDto(row), 201);
  });

  app.get(PROVISIONING_PATHS.webhook, function getWebhook(c) {
    return c.json(toWebhookDto(requireWebhook(c.get('projectId'), c.req.param('webhookId'))));
  });

  app.put(PROVISIONING_PATHS.webhook, async function replaceWebhook(c) {
    // The body first: nothing may await between finding the webhook and saving it (a DELETE could land).
    const text = await c.req.text();
    const w = requireWebhook(c.get('projectId'), c.req.param('webhookId'));
    return c.json(await save(w, parseWebhookInput(parseJsonBody(text), false)));
  });

  app.patch(PROVISIONING_PATHS.webhook, async function updateWebhook(c) {
    const text = await c.req.text();
    const w = requireWebhook(c.get('projectId'), c.req.param('webhookId'));
    // An empty body is an update of nothing: the webhook comes back unchanged (Sinch documents no error for it).
    return c.json(await save(w, parseWebhookInput(text.trim() === '' ? {} : parseJsonBody(text), true)));
  });

  app.delete(PROVISIONING_PATHS.webhook, async function deleteWebhook(c) {
    const w = requireWebhook(c.get('projectId'), c.req.param('webhookId'));
    webhooks.remove(c.get('projectId'), w.sid);
    await ctx.store.commit();
    return c.body(null, 204);
  });

  app.all(PROVISIONING_PATHS.otherFamilies, (c) => {
    throw sinchError('not_implemented', { additionalInformation: { operation: `${c.req.method} ${new URL(c.req.url).pathname}` } });
  });
}
