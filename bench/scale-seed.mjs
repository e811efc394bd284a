// Fills a hookyard's store with Verify webhooks directly (as the create route stores them), so a bench can
// hold 100k rows without 100k HTTP calls. Services are made through the real API.
import { createCollection } from '../dist/core/collection.js';
import { VERIFY_WEBHOOKS } from '../dist/providers/twilio/verify/webhooks/model.js';
import { SYNC_TABLES } from '../dist/providers/twilio/sync/model.js';

const AUTH = (hook) => 'Basic ' + Buffer.from(`${hook.accountSid}:${hook.authToken}`).toString('base64');

/** A form POST to the hook's own API, in-process; its JSON answer. */
const post = async (hook, path, body) => (await hook.app.fetch(new Request(`${hook.url}${path}`, { method: 'POST', headers: { authorization: AUTH(hook), 'content-type': 'application/x-www-form-urlencoded' }, body }))).json();

export async function createService(hook, name) {
  return (await post(hook, '/v2/Services', `FriendlyName=${name}`)).sid;
}

/** `count` webhooks of `serviceSid`, to `url` (a URL nobody listens on unless given). */
export function seedWebhooks(hook, serviceSid, count, url = 'http://127.0.0.1:9/never') {
  const webhooks = createCollection(hook.ctx.store, VERIFY_WEBHOOKS);
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  for (let i = 0; i < count; i++) {
    webhooks.insert(hook.accountSid, {
      sid: `YW${String(serviceSid.slice(2, 10))}${String(webhooks.list(hook.accountSid).length).padStart(24, '0')}`,
      accountSid: hook.accountSid, serviceSid, friendlyName: `hook ${i}`, eventTypes: ['factor.verified'], webhookUrl: url,
      status: 'enabled', version: 'v2', dateCreated: now, dateUpdated: now,
    });
  }
}

/** A Sync Map (made through the API) holding `count` items, stored directly in random key order as createItem stores them. */
export async function seedMapItems(hook, count) {
  const service = (await post(hook, '/v1/Services', 'FriendlyName=big')).sid;
  const map = (await post(hook, `/v1/Services/${service}/Maps`, 'UniqueName=big')).sid;
  const items = createCollection(hook.ctx.store, SYNC_TABLES.items);
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  for (let i = 0; i < count; i++) {
    const key = `user-${((i * 7919) % count).toString(36).padStart(6, '0')}`;
    items.insert(hook.accountSid, { sid: `${map}/${key}`, parentSid: map, accountSid: hook.accountSid, serviceSid: service, index: null, key, revision: 0, data: { n: i }, dateExpires: null, dateCreated: now, dateUpdated: now, createdBy: 'system' });
  }
  return `/v1/Services/${service}/Maps/${map}/Items`;
}

export { AUTH };
