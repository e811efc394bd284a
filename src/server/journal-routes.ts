import type { Hono, Context as HonoContext } from 'hono';
import type { Context } from '../core/context.js';
import { invalidParam, notFound } from '../core/errors.js';
import { filterFromQuery } from '../delivery/filter.js';
import type { DeliveryRecord } from '../delivery/journal.js';
import type { Provider } from '../providers/provider.js';
import type { SignatureReport } from '../providers/signer.js';
import { parseRequestFilter } from '../requests/filter.js';

/** `limit` (1..1000, default 100) and `cursor` (the previous page's `next`, an id with this prefix). */
function paging(c: HonoContext, prefix: string, what: string): { limit: number; cursor: string | undefined } {
  const limitText = c.req.query('limit');
  const limit = limitText === undefined ? 100 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw invalidParam('limit', 'limit must be an integer from 1 to 1000');
  const cursor = c.req.query('cursor');
  if (cursor !== undefined && !new RegExp(`^${prefix}[0-9a-f]{32}$`).test(cursor)) throw invalidParam('cursor', `cursor is a page's \`next\` (${what})`);
  return { limit, cursor };
}

/** The signature verdict for one delivery, by the provider that signed it; null when nothing was sent. */
export function signatureOf(record: DeliveryRecord, ctx: Context, providers: readonly Provider[]): SignatureReport | null {
  const provider = providers.find((p) => p.name === record.provider);
  if (!provider || record.outcome === 'not_delivered') return null;
  return provider.signer.explain(ctx, record, record.request);
}

/** `/_hookyard/deliveries…` and `/_hookyard/requests…`: the two journals, read, replayed and recovered. */
export function routeJournals(app: Hono, ctx: Context, providers: readonly Provider[]): void {
  const delivery = (c: HonoContext) => {
    const record = ctx.journal.get(c.req.param('id')!);
    if (!record) throw notFound(`No delivery ${c.req.param('id')} in the journal`);
    return record;
  };

  /** Newest first, `limit` (1..1000, default 100) at a time; `cursor` is the previous page's `next`. */
  app.get('/deliveries', (c) => {
    const { limit, cursor } = paging(c, 'HD', 'a delivery id');
    const page = ctx.journal.page(filterFromQuery(c.req.queries(), providers.map((p) => p.name)), { limit, before: cursor });
    return c.json({ ...page, evicted: ctx.journal.evicted });
  });

  /** The calls the app made to the fake APIs, newest first and paged like deliveries; `param.To=…` filters by a parameter. */
  app.get('/requests', (c) => {
    const { limit, cursor } = paging(c, 'RQ', 'a request id');
    const { limit: _l, cursor: _c, ...rest } = c.req.queries();
    const filter = parseRequestFilter(Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, v.at(-1)])), providers);
    return c.json({ ...ctx.requests.page(filter, { limit, before: cursor }), evicted: ctx.requests.evicted });
  });

  app.get('/requests/:id', (c) => {
    const record = ctx.requests.get(c.req.param('id'));
    if (!record) throw notFound(`No request ${c.req.param('id')} in the journal`);
    return c.json(record);
  });

  /** Forgets the calls journaled so far (the fake APIs' data stays), as WireMock's resetRequests does. */
  app.delete('/requests', (c) => {
    ctx.requests.clear();
    return c.body(null, 204);
  });

  /**
   * Sends a delivery again as a new record. With `{"body": "…"}` the body is replaced and the provider
   * signs it anew (a replay with changes); without a body the request is sent byte for byte.
   */
  app.post('/deliveries/:id/replay', async (c) => {
    const record = delivery(c);
    const text = await c.req.text();
    let edit: { body?: unknown } = {};
    if (text !== '') {
      try {
        edit = JSON.parse(text) as { body?: unknown };
      } catch {
        throw invalidParam('body', 'Send nothing to replay as it was, or {"body": "<the new body>"} to replay with changes');
      }
    }
    if (edit === null || typeof edit !== 'object' || (edit.body !== undefined && typeof edit.body !== 'string')) throw invalidParam('body', 'body must be the new request body, as a string');
    if (edit.body !== undefined && record.outcome === 'not_delivered') throw invalidParam('body', `Delivery ${record.id} was never sent: there is no request to edit`);
    const provider = providers.find((p) => p.name === record.provider);
    const request = edit.body === undefined || !provider ? undefined : provider.signer.resign(ctx, record, edit.body);
    return c.json(await ctx.delivery.replay(record, request).first, 201);
  });

  /** Redelivers every failed delivery for a target (since a time): what a receiver missed while it was down. */
  app.post('/deliveries/recover', async (c) => {
    const body = (await c.req.json().catch(() => null)) as { target?: unknown; since?: unknown } | null;
    if (typeof body?.target !== 'string') throw invalidParam('target', 'target is required: the URL (or webhook/sink id) whose failed deliveries to resend');
    if (body.since !== undefined && (typeof body.since !== 'string' || Number.isNaN(Date.parse(body.since)))) throw invalidParam('since', 'since must be an ISO time');
    // A delivery replayed already is represented by its replay: only the newest of each chain is resent, once.
    const recovered = new Set(ctx.journal.list().flatMap((x) => (x.replayOf ? [x.replayOf] : [])));
    const failed = ctx.journal
      .list({ target: body.target, since: body.since as string | undefined })
      .filter((r) => r.outcome !== 'delivered' && r.outcome !== 'pending' && r.outcome !== 'not_delivered' && r.nextAttemptAt === null && !recovered.has(r.id));
    const replays = await Promise.all(failed.map((r) => ctx.delivery.replay(r).first));
    return c.json({ recovered: replays.length, deliveries: replays });
  });

  app.get('/deliveries/:id', (c) => c.json(delivery(c)));

  /** Whether the signature verifies now, recomputed with the key in force, and the string that was signed. */
  app.get('/deliveries/:id/signature', (c) => {
    const report = signatureOf(delivery(c), ctx, providers);
    if (!report) throw notFound(`Delivery ${c.req.param('id')} was never sent, so it carries no signature`);
    return c.json(report);
  });
}
