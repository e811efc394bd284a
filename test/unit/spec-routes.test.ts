import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHookyard, type Hookyard } from '../../src/index.js';


interface Spec {
  paths: Record<string, Record<string, { operationId?: string }>>;
}

/** Every operation of a Twilio OpenAPI copy kept in test/specs (see SOURCE.md there). */
function specOperations(file: string) {
  const spec = JSON.parse(readFileSync(new URL(`../specs/${file}`, import.meta.url), 'utf8')) as Spec;
  return Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([m]) => ['get', 'post', 'delete'].includes(m))
      .map(([m, o]) => ({ method: m.toUpperCase(), path, hono: path.replace(/\{(\w+)\}/g, ':$1'), operationId: o.operationId! })),
  );
}

const SPECS = [{ file: 'twilio_verify_v2.json' }, { file: 'twilio_events_v1.json' }, { file: 'twilio_sync_v1.json' }];

describe.each(SPECS)('routes of $file', ({ file }) => {
  let hook: Hookyard;
  let auth: string;
  const ops = specOperations(file);
  beforeAll(async () => {
    hook = await createHookyard();
    auth = 'Basic ' + Buffer.from(`${hook.accountSid}:${hook.authToken}`).toString('base64');
  });
  afterAll(() => hook.close());

  it('registers a route for every spec operation', () => {
    const routes = new Set(hook.app.hono.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`));
    const missing = ops.filter((o) => !routes.has(`${o.method} ${o.hono}`)).map((o) => o.operationId);
    expect(missing).toEqual([]);
  });

  it.each(ops)('$method $path ($operationId) is built: no 501, no 5xx, Twilio shape on errors', async ({ method, path }) => {
    const url = path.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'ServiceSid' ? `VA${'a'.repeat(32)}` : 'x'));
    const res = await hook.app.fetch(new Request(`http://localhost${url}`, { method, headers: { authorization: auth } }));
    expect(res.status).toBeLessThan(500);
    if (res.status >= 400) expect(Object.keys((await res.json()) as object).sort()).toEqual(['code', 'message', 'more_info', 'status']);
  });
});
