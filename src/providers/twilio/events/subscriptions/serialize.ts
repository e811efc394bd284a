import { invalidParam } from '../../../../core/errors.js';
import { findEventType, hasVersion, latestVersion } from '../catalog/catalog.js';
import type { SubscribedType, Subscription } from './model.js';

/** Checks a type and version against the catalogue; the version defaults to the schema's latest. */
export function toSubscribedType(type: unknown, version: unknown, param: string): SubscribedType {
  const entry = typeof type === 'string' ? findEventType(type) : undefined;
  if (!entry) throw invalidParam(param, `Invalid parameter ${param}: '${String(type)}' is not an event type; GET /v1/Types lists them`);
  if (version === undefined || version === null) return { type: entry.type, schemaVersion: latestVersion(entry.schemaId) };
  if (typeof version !== 'number' || !hasVersion(entry.schemaId, version)) {
    throw invalidParam(param, `Invalid parameter ${param}: ${entry.type} has schema versions 1..${latestVersion(entry.schemaId)}, not ${String(version)}`);
  }
  return { type: entry.type, schemaVersion: version };
}

/**
 * `Types`: repeated form keys, each a JSON object string `{"type": …, "schema_version": n}` (twilio-node
 * JSON.stringifies each element). Every element is checked; duplicates are refused.
 */
export function parseTypes(values: readonly string[]): SubscribedType[] {
  const out: SubscribedType[] = [];
  for (const raw of values) {
    let v: unknown;
    try {
      v = JSON.parse(raw);
    } catch {
      throw invalidParam('Types', `Invalid parameter Types: '${raw}' is not a JSON object like {"type":"…","schema_version":1}`);
    }
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalidParam('Types', `Invalid parameter Types: '${raw}' is not a JSON object`);
    const t = toSubscribedType((v as Record<string, unknown>)['type'], (v as Record<string, unknown>)['schema_version'], 'Types');
    if (out.some((x) => x.type === t.type)) throw invalidParam('Types', `Invalid parameter Types: ${t.type} is listed twice`);
    out.push(t);
  }
  return out;
}

export function toSubscriptionJson(s: Subscription, origin: string) {
  const url = `${origin}/v1/Subscriptions/${s.sid}`;
  return {
    account_sid: s.accountSid,
    sid: s.sid,
    date_created: s.dateCreated,
    date_updated: s.dateUpdated,
    description: s.description,
    sink_sid: s.sinkSid,
    url,
    links: { subscribed_events: `${url}/SubscribedEvents` },
  };
}

export function toSubscribedEventJson(s: Subscription, t: SubscribedType, origin: string) {
  return {
    account_sid: s.accountSid,
    type: t.type,
    schema_version: t.schemaVersion,
    subscription_sid: s.sid,
    url: `${origin}/v1/Subscriptions/${s.sid}/SubscribedEvents/${t.type}`,
  };
}
