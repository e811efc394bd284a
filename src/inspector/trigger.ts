import type { Hono } from 'hono';
import type { Context } from '../core/context.js';
import { HookyardError, invalidParam } from '../core/errors.js';
import type { Provider } from '../providers/provider.js';
import { createApi } from '../scenarios/api.js';
import { buildCatalog, findEntry } from '../scenarios/catalog.js';
import { runTrigger } from '../scenarios/trigger.js';
import { toDeliveryRow } from './rows.js';

interface TriggerJson {
  event?: unknown;
  /** Where the event should go: parents are set up (or reused) with their webhook pointing here. */
  webhookUrl?: unknown;
  data?: unknown;
  count?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The catalogue and `hookyard trigger --setup` for the page: `GET /_hookyard/catalog` lists every event with
 * its description; `POST /_hookyard/trigger {event, webhookUrl?, data?, count?}` sets up what the event needs
 * (reusing what an earlier setup made) through hookyard's own API, in-process, and emits it.
 */
export function routeTrigger(app: Hono, ctx: Context, providers: readonly Provider[], self: { fetch: (r: Request) => Response | Promise<Response>; adminToken?: string | undefined }): void {
  const catalog = buildCatalog(providers);
  app.get('/catalog', (c) => c.json({ events: catalog }));

  app.post('/trigger', async (c) => {
    const body = (await c.req.json().catch(() => null)) as TriggerJson | null;
    if (!isObject(body) || typeof body.event !== 'string') throw invalidParam('event', 'event is required: a name from GET /_hookyard/catalog');
    const found = findEntry(catalog, body.event);
    if (!('name' in found)) throw invalidParam('event', `Unknown event '${body.event}'; did you mean ${found.suggestions.join(', ')}?`);
    if (body.webhookUrl !== undefined && (typeof body.webhookUrl !== 'string' || !/^https?:\/\//.test(body.webhookUrl))) throw invalidParam('webhookUrl', 'webhookUrl must be an http(s) URL');
    if (body.data !== undefined && !isObject(body.data)) throw invalidParam('data', 'data must be an object of overrides');
    const count = body.count ?? 1;
    if (!Number.isInteger(count) || (count as number) < 1 || (count as number) > 100) throw invalidParam('count', 'count must be an integer from 1 to 100');
    const [accountSid, authToken] = ctx.twilio.accounts.entries().next().value!;
    const [sinchProjectId, key] = ctx.sinch.projects.entries().next().value!;
    const api = createApi('http://127.0.0.1', { adminToken: self.adminToken, accountSid, authToken, sinchProjectId, sinchKeyId: key.keyId, sinchKeySecret: key.keySecret }, self.fetch);
    try {
      const r = await runTrigger(api, providers, { entry: found, data: body.data, count: count as number, ...(typeof body.webhookUrl === 'string' ? { setup: { webhookUrl: body.webhookUrl } } : {}) });
      return c.json({ event: found.name, created: r.created, input: r.input, eventIds: r.events.map((e) => e.id), deliveries: r.deliveries.map(toDeliveryRow), ...(r.noDelivery ? { noDelivery: r.noDelivery } : {}) }, 201);
    } catch (err) {
      if (err instanceof HookyardError) throw err;
      throw invalidParam('event', `could not trigger ${found.name}: ${(err as Error).message}`);
    }
  });
}
