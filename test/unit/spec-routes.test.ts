import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHookyard, type Hookyard } from '../../src/index.js';
import { SYNC_NOT_IMPLEMENTED } from '../../src/providers/twilio/sync/not-implemented.js';


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

const SPECS = [
  { file: 'twilio_verify_v2.json', notImplemented: [] as string[] },
  { file: 'twilio_events_v1.json', notImplemented: [] as string[] },
  { file: 'twilio_sync_v1.json', notImplemented: SYNC_NOT_IMPLEMENTED.map((o) => o.operationId) },
];

describe.each(SPECS)('routes of $file', ({ file, notImplemented }) => {
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

  it.each(ops)('$method $path ($operationId) answers as built or 501', async ({ method, path, operationId }) => {
    const url = path.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'ServiceSid' ? `VA${'a'.repeat(32)}` : 'x'));
    const res = await hook.app.fetch(new Request(`http://localhost${url}`, { method, headers: { authorization: auth } }));
    const body = (await res.json()) as { code?: number; message?: string };
    if (notImplemented.includes(operationId)) {
      expect(res.status).toBe(501);
      expect(body).toMatchObject({ code: 20501, status: 501 });
      expect(body.message).toContain(operationId);
    } else {
      expect(res.status).not.toBe(501);
      expect(res.status).toBeLessThan(500);
    }
  });
});
