import type { HookyardEvent } from '../../../../events/event.js';
import { syncData } from './types.js';

/**
 * The form parameters of a Sync webhook, exactly as the docs' tables list them per event: the common
 * ones (`EndpointId` only for client-originated events), then the object's, then the item's.
 * `…Data` is JSON text and, like `ItemRevision`, left out on removal. A missing unique name is sent empty.
 * @see https://www.twilio.com/docs/sync/webhooks
 */
export function toSyncParams(event: HookyardEvent): Record<string, string> {
  const d = syncData(event);
  const removed = event.type.endsWith('_removed');
  const p: Record<string, string> = { AccountSid: event.scope, ServiceSid: d.serviceSid, EventType: event.type, Identity: d.actor.identity };
  if (d.actor.endpointId !== undefined) p['EndpointId'] = d.actor.endpointId;
  if (d.dateCreated !== undefined) p['DateCreated'] = d.dateCreated;
  if (d.eventId !== undefined) p['EventId'] = String(d.eventId);
  if (d.isIdentityOnline !== undefined) p['IsIdentityOnline'] = String(d.isIdentityOnline);
  const o = d.object;
  if (o) {
    const prefix = o.kind === 'document' ? 'Document' : o.kind === 'list' ? 'List' : 'Map';
    p[`${prefix}Sid`] = o.sid;
    p[`${prefix}UniqueName`] = o.uniqueName ?? '';
    p[`${prefix}Revision`] = String(o.revision);
    if (o.kind === 'document' && !removed) p['DocumentData'] = JSON.stringify(o.data ?? {});
  }
  const i = d.item;
  if (i) {
    if (i.index !== null) p['ItemIndex'] = String(i.index);
    if (i.key !== null) p['ItemKey'] = i.key;
    if (!removed) {
      p['ItemData'] = JSON.stringify(i.data);
      p['ItemRevision'] = String(i.revision);
    }
  }
  return p;
}
