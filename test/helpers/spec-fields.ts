import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHookyard, type Hookyard, type HookyardOptions } from '../../src/index.js';
import { loadSpec } from './spec.js';

/** A form body (repeated keys as arrays), or `{ json }` for operations that take JSON. */
export type Body = Record<string, string | string[]> | { json: unknown };

export interface SpecApi {
  hook: Hookyard;
  call(method: string, path: string, body?: Body): Promise<{ status: number; json: Record<string, unknown> | undefined }>;
  /** A call that must succeed; answers its JSON. */
  create(path: string, body: Body): Promise<Record<string, unknown>>;
}

const sorted = (keys: readonly string[]) => [...keys].sort();

/**
 * Every operation of one of Twilio's specs, called for real with valid input against a world `setup` made:
 * it must answer one of the spec's success statuses with exactly the spec's field set (and for lists, the
 * item's field set on every item, and `meta`). `fill` puts real ids into the spec path; `body` gives the
 * operations that need one a valid body; `rank` orders what ends a resource after what reads it.
 */
export function describeSpecFields(opts: {
  title: string;
  file: string;
  count: number;
  options?: HookyardOptions;
  setup(api: SpecApi): Promise<void>;
  teardown?(): Promise<void>;
  fill(path: string): string;
  body?: Record<string, (api: SpecApi) => Body | Promise<Body>>;
  rank?: Record<string, number>;
}): void {
  describe(opts.title, () => {
    const api = {} as SpecApi;
    beforeAll(async () => {
      api.hook = await createHookyard(opts.options ?? {});
      const auth = 'Basic ' + Buffer.from(`${api.hook.accountSid}:${api.hook.authToken}`).toString('base64');
      api.call = async (method, path, body) => {
        const json = body && 'json' in body ? body.json : undefined;
        const pairs = body && !('json' in body) ? Object.entries(body).flatMap(([k, v]): [string, string][] => (Array.isArray(v) ? v.map((x): [string, string] => [k, x]) : [[k, v as string]])) : undefined;
        const form = pairs && new URLSearchParams(pairs);
        const res = await fetch(api.hook.url + path, {
          method,
          headers: { authorization: auth, ...(json !== undefined ? { 'content-type': 'application/json' } : form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
          ...(json !== undefined ? { body: JSON.stringify(json) } : form ? { body: form.toString() } : {}),
        });
        return { status: res.status, json: res.status === 204 ? undefined : ((await res.json()) as Record<string, unknown>) };
      };
      api.create = async (path, body) => {
        const r = await api.call('POST', path, body);
        if (r.status >= 300) throw new Error(`${path}: ${JSON.stringify(r.json)}`);
        return r.json!;
      };
      await opts.setup(api);
    });
    afterAll(async () => {
      await api.hook.close();
      await opts.teardown?.();
    });

    const order = (op: { method: string; operationId: string }) => opts.rank?.[op.operationId] ?? (op.method === 'DELETE' ? 3 : 1);
    const ops = loadSpec(opts.file).sort((a, b) => order(a) - order(b));

    it(`covers all ${opts.count} operations of the spec`, () => expect(ops).toHaveLength(opts.count));

    it.each(ops)('$operationId ($method $path) answers $statuses with the spec fields', async (op) => {
      const r = await api.call(op.method, opts.fill(op.path), await opts.body?.[op.operationId]?.(api));
      expect(op.statuses, JSON.stringify(r.json)).toContain(r.status);
      if (op.keys === undefined) return expect(r.json).toBeUndefined();
      expect(sorted(Object.keys(r.json!))).toEqual(sorted(op.keys));
      if (op.itemKey && op.itemKeys) {
        const items = r.json![op.itemKey] as Record<string, unknown>[];
        expect(items.length, `${op.itemKey} is empty: nothing to compare`).toBeGreaterThan(0);
        for (const item of items) expect(sorted(Object.keys(item))).toEqual(sorted(op.itemKeys));
      }
    });
  });
}
