import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Hono } from 'hono';
import type { Context } from '../core/context.js';
import { notFound } from '../core/errors.js';
import type { Provider } from '../providers/provider.js';
import { inspectorDir } from '../version.js';
import { routeRows } from './rows.js';
import { routeStream } from './stream.js';
import { routeTables } from './tables.js';
import { routeTrigger } from './trigger.js';

/**
 * Only hookyard's own files, no inline script or style, no framing, nothing sent to another origin: with
 * JSON-only, custom-header writes (the guard) no other page can drive the inspector or read it.
 */
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const TYPES: Record<string, string> = { html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', svg: 'image/svg+xml' };

/** The page's files, read once on first request (never at start-up: the inspector costs `serve` nothing until opened). */
let files: Map<string, string> | undefined;
function assets(): Map<string, string> {
  if (!files) {
    files = new Map();
    const dir = inspectorDir();
    if (dir) for (const name of readdirSync(dir)) if (/^[a-z-]+\.(html|js|css|svg)$/.test(name)) files.set(name, readFileSync(join(dir, name), 'utf8'));
  }
  return files;
}

function serve(name: string): Response {
  const text = assets().get(name);
  if (text === undefined) throw notFound(`No inspector file ${name}`);
  return new Response(text, {
    headers: {
      'content-type': TYPES[name.split('.').pop()!]!,
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache',
    },
  });
}

/**
 * The inspector, under `/_hookyard`: the page (`/ui`) and its files, the live stream, the fake state and
 * the trigger form's two routes. Everything else it does goes through the admin API everyone uses.
 */
export function routeInspector(app: Hono, ctx: Context, providers: readonly Provider[], self: Parameters<typeof routeTrigger>[3]): void {
  app.get('/ui', () => serve('index.html'));
  app.get('/ui/', () => serve('index.html'));
  app.get('/ui/:file', (c) => serve(c.req.param('file')));
  routeRows(app, ctx, providers);
  routeStream(app, ctx, providers);
  routeTables(app, ctx, providers);
  routeTrigger(app, ctx, providers, self);
}
