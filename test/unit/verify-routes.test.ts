import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHookyard, type Hookyard } from '../../src/index.js';
import { VERIFY_NOT_IMPLEMENTED } from '../../src/providers/twilio/verify/not-implemented.js';

interface Spec {
  paths: Record<string, Record<string, { operationId?: string }>>;
}
const spec = JSON.parse(readFileSync(new URL('../specs/twilio_verify_v2.json', import.meta.url), 'utf8')) as Spec;
const ops = Object.entries(spec.paths).flatMap(([path, methods]) =>
  Object.entries(methods)
    .filter(([m]) => ['get', 'post', 'delete'].includes(m))
    .map(([m, o]) => ({ method: m.toUpperCase(), path, operationId: o.operationId! })),
);
const BUILT = ['CreateService', 'ListService', 'FetchService', 'UpdateService', 'DeleteService', 'CreateWebhook', 'ListWebhook', 'FetchWebhook', 'UpdateWebhook', 'DeleteWebhook'];

describe('Verify v2 routes against the copy of Twilio spec in test/specs', () => {
  let hook: Hookyard;
  let auth: string;
  beforeAll(async () => {
    hook = await createHookyard();
    auth = 'Basic ' + Buffer.from(`${hook.accountSid}:${hook.authToken}`).toString('base64');
  });
  afterAll(() => hook.close());

  it('lists every spec operation as built or not-implemented, exactly once', () => {
    const listed = [...BUILT, ...VERIFY_NOT_IMPLEMENTED.map((o) => o.operationId)].sort();
    expect(listed).toEqual(ops.map((o) => o.operationId).sort());
  });

  it.each(ops)('$method $path ($operationId) is routed', async ({ method, path, operationId }) => {
    const url = path.replace(/\{(\w+)\}/g, (_, name: string) => (name.endsWith('Sid') ? `${name === 'ServiceSid' ? 'VA' : 'XX'}${'a'.repeat(32)}` : 'x'));
    const res = await hook.app.fetch(new Request(`http://localhost${url}`, { method, headers: { authorization: auth } }));
    const body = (await res.json()) as { code?: number; message?: string };
    if (BUILT.includes(operationId)) {
      // A built route answers as the API does: not 501, and a 404 only for the (missing) resource.
      expect(res.status).not.toBe(501);
      if (res.status === 404) expect(body.message).toMatch(/\/Services\//);
    } else {
      expect(res.status).toBe(501);
      expect(body).toMatchObject({ code: 20501, status: 501 });
      expect(body.message).toContain(operationId);
    }
  });
});
