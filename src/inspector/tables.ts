import type { Hono } from 'hono';
import type { Context } from '../core/context.js';
import { invalidParam, notFound } from '../core/errors.js';
import type { Provider } from '../providers/provider.js';
import { maskSecrets } from '../core/secrets.js';

/**
 * Read-only browsing of the fake state for the inspector: `GET /_hookyard/inspect/tables` lists every table
 * with its provider and row count per account/project; `…/tables/{name}?scope=&offset=&limit=` pages its rows,
 * secrets masked.
 */
export function routeTables(app: Hono, ctx: Context, providers: readonly Provider[]): void {
  const ownerOf = (table: string) => providers.find((p) => table.startsWith(p.tablePrefix))?.name ?? null;
  app.get('/inspect/tables', (c) => {
    const tables = Object.entries(ctx.store.data.tables)
      .map(([name, scopes]) => ({ name, provider: ownerOf(name), scopes: Object.fromEntries(Object.entries(scopes).filter(([, rows]) => rows.length > 0).map(([s, rows]) => [s, rows.length])) }))
      .filter((t) => Object.keys(t.scopes).length > 0)
      .sort((a, b) => a.name.localeCompare(b.name));
    return c.json({ tables });
  });

  app.get('/inspect/tables/:name', (c) => {
    const name = c.req.param('name');
    const scopes = Object.hasOwn(ctx.store.data.tables, name) ? ctx.store.data.tables[name]! : undefined;
    if (!scopes) throw notFound(`No table ${name} (GET /_hookyard/inspect/tables lists them)`);
    const offset = Number(c.req.query('offset') ?? 0);
    const limit = Number(c.req.query('limit') ?? 50);
    if (!Number.isInteger(offset) || offset < 0) throw invalidParam('offset', 'offset must be a whole number');
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw invalidParam('limit', 'limit must be an integer from 1 to 500');
    const scope = c.req.query('scope');
    const chosen = scope === undefined ? Object.entries(scopes) : Object.hasOwn(scopes, scope) ? [[scope, scopes[scope]!] as const] : [];
    const all = chosen.flatMap(([s, rows]) => rows.map((row) => ({ scope: s, row })));
    return c.json({ table: name, provider: ownerOf(name), total: all.length, offset, rows: all.slice(offset, offset + limit).map((r) => ({ scope: r.scope, ...(maskSecrets(r.row, '••••••') as object) })) });
  });
}
