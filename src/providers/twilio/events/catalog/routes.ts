import type { Hono } from 'hono';
import type { Context } from '../../../../core/context.js';
import { notFound } from '../../../../core/errors.js';
import { publicOrigin } from '../../../hosts.js';
import type { TwilioEnv } from '../../common/auth.js';
import { toPageJson } from '../../common/page.js';
import { str, toForm } from '../../common/params.js';
import { EVENTS_PATHS } from '../paths.js';
import { EVENT_TYPES, findEventType, SCHEMAS, type EventTypeEntry } from './catalog.js';

const firstDate = (schemaId: string) => SCHEMAS.get(schemaId)![0]!.dateCreated;

function toEventTypeJson(t: EventTypeEntry, origin: string) {
  return {
    date_created: firstDate(t.schemaId),
    date_updated: firstDate(t.schemaId),
    type: t.type,
    schema_id: t.schemaId,
    status: t.status,
    documentation_url: null,
    description: t.description,
    url: `${origin}/v1/Types/${t.type}`,
    links: { schema: `${origin}/v1/Schemas/${t.schemaId}/Versions` },
  };
}

function requireSchema(id: string) {
  const versions = SCHEMAS.get(id);
  if (!versions) throw notFound(`The requested resource /Schemas/${id} was not found`);
  return versions;
}

/**
 * The read-only catalogue: listEventType (filter `SchemaId`), fetchEventType, fetchSchema,
 * listSchemaVersion, fetchSchemaVersion. The catalogue is the same for every account.
 * @see https://www.twilio.com/docs/events/event-types
 */
export function routeCatalog(app: Hono<TwilioEnv>, _ctx: Context): void {
  const typeRows = EVENT_TYPES.map((t, i) => ({ sid: t.type, _seq: i + 1, t }));

  app.get(EVENTS_PATHS.types, function listEventType(c) {
    const schemaId = str(toForm(new URL(c.req.url).search.slice(1)), 'SchemaId');
    const origin = publicOrigin(c);
    const rows = schemaId === undefined ? typeRows : typeRows.filter((r) => r.t.schemaId === schemaId);
    return c.json(toPageJson(c, 'types', rows, (r) => toEventTypeJson(r.t, origin), { SchemaId: schemaId }));
  });

  app.get(EVENTS_PATHS.type, function fetchEventType(c) {
    const t = findEventType(c.req.param('Type'));
    if (!t) throw notFound(`The requested resource /Types/${c.req.param('Type')} was not found`);
    return c.json(toEventTypeJson(t, publicOrigin(c)));
  });

  app.get(EVENTS_PATHS.schema, function fetchSchema(c) {
    const id = c.req.param('Id');
    const latest = requireSchema(id).at(-1)!;
    const url = `${publicOrigin(c)}/v1/Schemas/${id}`;
    return c.json({ id, url, links: { versions: `${url}/Versions` }, latest_version_date_created: latest.dateCreated, latest_version: latest.version });
  });

  const toVersionJson = (id: string, v: { version: number; dateCreated: string }, origin: string) => ({
    id,
    schema_version: v.version,
    date_created: v.dateCreated,
    url: `${origin}/v1/Schemas/${id}/Versions/${v.version}`,
    raw: `https://events-schemas.twilio.com/${id}/${v.version}`,
  });

  app.get(EVENTS_PATHS.schemaVersions, function listSchemaVersion(c) {
    const id = c.req.param('Id');
    const rows = requireSchema(id).map((v) => ({ sid: String(v.version), _seq: v.version, v }));
    const origin = publicOrigin(c);
    return c.json(toPageJson(c, 'schema_versions', rows, (r) => toVersionJson(id, r.v, origin)));
  });

  app.get(EVENTS_PATHS.schemaVersion, function fetchSchemaVersion(c) {
    const id = c.req.param('Id');
    const v = requireSchema(id).find((x) => String(x.version) === c.req.param('SchemaVersion'));
    if (!v) throw notFound(`The requested resource /Schemas/${id}/Versions/${c.req.param('SchemaVersion')} was not found`);
    return c.json(toVersionJson(id, v, publicOrigin(c)));
  });
}
