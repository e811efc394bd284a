import { readFileSync } from 'node:fs';

interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
}
interface Operation {
  operationId: string;
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}
interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

export interface SpecOp {
  operationId: string;
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  /** The success statuses the spec gives (some operations list two, e.g. 201 and 200). */
  statuses: number[];
  /** Top-level response keys, and for a list the keys of its items; none for a 204. */
  keys: string[] | undefined;
  itemKey: string | undefined;
  itemKeys: string[] | undefined;
}

/** Every operation of one of Twilio's OpenAPI files kept in test/specs, with what a success answers. */
export function loadSpec(file: string): SpecOp[] {
  const spec = JSON.parse(readFileSync(new URL(`../specs/${file}`, import.meta.url), 'utf8')) as Spec;
  const resolve = (s: Schema): Schema => (s.$ref ? spec.components.schemas[s.$ref.split('/').at(-1)!]! : s);
  return Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([m]) => ['get', 'post', 'delete'].includes(m))
      .map(([m, op]) => {
        const statuses = Object.keys(op.responses).filter((c) => c.startsWith('2')).map(Number);
        const schema = op.responses[String(statuses[0])]?.content?.['application/json']?.schema;
        const body = schema && resolve(schema);
        const keys = body?.properties ? Object.keys(body.properties) : undefined;
        const itemKey = keys?.find((k) => k !== 'meta' && body!.properties![k]!.type === 'array' && keys.includes('meta'));
        const items = itemKey ? resolve(body!.properties![itemKey]!.items!) : undefined;
        return { operationId: op.operationId, method: m.toUpperCase() as SpecOp['method'], path, statuses, keys, itemKey, itemKeys: items?.properties ? Object.keys(items.properties) : undefined };
      }),
  );
}
