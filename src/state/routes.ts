import type { Hono } from 'hono';
import type { Context } from '../core/context.js';
import { invalidParam, notFound } from '../core/errors.js';
import type { Provider } from '../providers/provider.js';
import { exportState, parseStateDocument, type StateDocument } from './document.js';
import { restoreState } from './restore.js';

/** Named snapshots, kept in memory (with their secrets) for the server's lifetime. */
const snapshotsOf = new WeakMap<Context, Map<string, StateDocument>>();
export const snapshots = (ctx: Context): Map<string, StateDocument> => {
  let s = snapshotsOf.get(ctx);
  if (!s) snapshotsOf.set(ctx, (s = new Map()));
  return s;
};

const NAME = /^[A-Za-z0-9._-]{1,64}$/;
const summary = (name: string, d: StateDocument) => ({ name, takenAt: d.exportedAt, rows: Object.values(d.tables).reduce((n, scopes) => n + Object.values(scopes).reduce((m, rows) => m + rows.length, 0), 0) });

/**
 * `/_hookyard/state` (export, import) and `/_hookyard/snapshots` (named, in memory): LocalStack's and
 * WireMock's save/restore, for fixtures made once and restored per test.
 */
export function routeState(app: Hono, ctx: Context, providers: readonly Provider[]): void {
  app.get('/state', (c) => {
    const secrets = c.req.query('secrets');
    if (secrets !== undefined && secrets !== 'true' && secrets !== 'false') throw invalidParam('secrets', 'secrets is true or false');
    return c.json(exportState(ctx, { secrets: secrets === 'true' }));
  });

  /** Replaces all state with a document; `?clearJournal=true` forgets the journals too. A bad document changes nothing. */
  app.put('/state', async (c) => {
    const body = (await c.req.json().catch(() => undefined)) as unknown;
    if (body === undefined) throw invalidParam('body', 'send a state document (GET /_hookyard/state) as JSON');
    const state = parseStateDocument(body, ctx, providers);
    await restoreState(ctx, providers, state, { clearJournal: c.req.query('clearJournal') === 'true' });
    return c.json(summary('state', exportState(ctx)));
  });

  app.get('/snapshots', (c) => c.json({ snapshots: [...snapshots(ctx)].map(([name, d]) => summary(name, d)) }));

  app.post('/snapshots', async (c) => {
    const body = (await c.req.json().catch(() => null)) as { name?: unknown } | null;
    if (typeof body?.name !== 'string' || !NAME.test(body.name)) throw invalidParam('name', 'name is 1–64 letters, digits, dots, dashes or underscores');
    const doc = exportState(ctx, { secrets: true });
    snapshots(ctx).set(body.name, doc);
    return c.json(summary(body.name, doc), 201);
  });

  app.post('/snapshots/:name/restore', async (c) => {
    const doc = snapshots(ctx).get(c.req.param('name'));
    if (!doc) throw notFound(`No snapshot ${c.req.param('name')} (GET /_hookyard/snapshots lists them)`);
    await restoreState(ctx, providers, { tables: structuredClone(doc.tables), seq: doc.seq }, { clearJournal: c.req.query('clearJournal') === 'true' });
    return c.json(summary(c.req.param('name'), doc));
  });

  app.delete('/snapshots/:name', (c) => {
    if (!snapshots(ctx).delete(c.req.param('name'))) throw notFound(`No snapshot ${c.req.param('name')}`);
    return c.body(null, 204);
  });
}
