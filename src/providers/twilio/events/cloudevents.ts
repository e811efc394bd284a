import type { HookyardEvent, OutboundRequest } from '../../../events/event.js';
import type { Route } from '../../../delivery/public-url.js';
import { twilioSignature, withBodyHash } from '../common/signature.js';
import { dataschemaUrl } from './catalog/catalog.js';

/** What an Event Streams event carries in `HookyardEvent.data`. */
export interface StreamEventData {
  schemaId: string;
  /** Set when the caller asked for one version; otherwise each subscription gets its own. */
  schemaVersion: number | undefined;
  source: string;
  /** The CloudEvent `id` (`EZ…`): the same for every sink and every retry of this event. */
  cloudEventId: string;
  /** ISO 8601 with milliseconds. */
  time: string;
  /** The schema's own payload, in its own field names and casing. */
  payload: Record<string, unknown>;
}

export const streamData = (event: HookyardEvent) => event.data as unknown as StreamEventData;

/** A CloudEvents 1.0 JSON envelope as Event Streams writes it. */
export interface CloudEventJson {
  specversion: '1.0';
  type: string;
  source: string;
  id: string;
  dataschema: string;
  datacontenttype: 'application/json';
  time: string;
  data: Record<string, unknown>;
}

export function toCloudEvent(event: HookyardEvent, schemaVersion: number): CloudEventJson {
  const d = streamData(event);
  return {
    specversion: '1.0',
    type: event.type,
    source: d.source,
    id: d.cloudEventId,
    dataschema: dataschemaUrl(d.schemaId, schemaVersion),
    datacontenttype: 'application/json',
    time: d.time,
    data: d.payload,
  };
}

export interface SinkItem {
  event: HookyardEvent;
  schemaVersion: number;
}

/** The body Event Streams sends: always a JSON array of CloudEvents, even for one event. */
export const toCloudEventsBody = (items: readonly SinkItem[]): string => JSON.stringify(items.map((i) => toCloudEvent(i.event, i.schemaVersion)));

/**
 * One POST to a webhook sink: a JSON array of CloudEvents, sent to and signed over the destination plus
 * `bodySHA256=<hex>`. Credentials in the destination (`https://user:pass@…`) become an `Authorization:
 * Basic` header and leave the URL, as Event Streams does.
 * @see https://www.twilio.com/docs/events/webhook-quickstart
 */
export function toSinkRequest(authToken: string, destination: string, items: readonly SinkItem[], route: (url: string) => Route = (url) => ({ send: url, sign: url })): OutboundRequest {
  const body = toCloudEventsBody(items);
  const u = new URL(destination);
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'TwilioProxy/1.1' };
  if (u.username || u.password) {
    headers['authorization'] = 'Basic ' + Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString('base64');
    u.username = '';
    u.password = '';
  }
  u.hash = '';
  const to = route(u.toString());
  const url = withBodyHash(to.send, body);
  const signed = to.sign === to.send ? url : withBodyHash(to.sign, body);
  headers['x-twilio-signature'] = twilioSignature(authToken, signed);
  return { url, method: 'POST', headers, body, ...(signed === url ? {} : { signedUrl: signed }) };
}
