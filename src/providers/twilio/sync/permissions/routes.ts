import type { Context as HonoContext, Hono } from 'hono';
import { createCollection } from '../../../../core/collection.js';
import type { Context } from '../../../../core/context.js';
import { HookyardError } from '../../../../core/errors.js';
import { publicOrigin } from '../../../hosts.js';
import { readForm } from '../../common/app.js';
import type { TwilioEnv } from '../../common/auth.js';
import { toPageJson } from '../../common/page.js';
import { bool } from '../../common/params.js';
import { PERMISSIONS_BY_OBJECT, SYNC_TABLES, type SyncObjectKind, type SyncPermission } from '../model.js';
import { findObject } from '../objects/ops.js';
import { SYNC_PATHS } from '../paths.js';
import { requireSyncService } from '../services/routes.js';

const WIRE = {
  document: { path: 'Documents', param: 'DocumentSid', sidKey: 'document_sid', list: SYNC_PATHS.documentPermissions, one: SYNC_PATHS.documentPermission },
  list: { path: 'Lists', param: 'ListSid', sidKey: 'list_sid', list: SYNC_PATHS.listPermissions, one: SYNC_PATHS.listPermission },
  map: { path: 'Maps', param: 'MapSid', sidKey: 'map_sid', list: SYNC_PATHS.mapPermissions, one: SYNC_PATHS.mapPermission },
} as const;

export const syncPermissions = (ctx: Context) => createCollection<SyncPermission>(ctx.store, SYNC_TABLES.permissions);

/** An identity of a permission: 1–256 characters, else 54351. @see https://www.twilio.com/docs/api/errors/54351 */
function parseIdentity(identity: string): string {
  if (identity.length < 1 || identity.length > 256) throw new HookyardError('invalid_param', 'Invalid identity: 1 to 256 characters', { param: 'Identity', code: 54351 });
  return identity;
}

/**
 * What an identity may do with an object when the Service has `acl_enabled` (else anything): 403 / 54007
 * otherwise. hookyard applies it to changes made as a client (`POST /_hookyard/events` with an identity);
 * REST calls with account credentials are not subject to ACLs.
 * @see https://www.twilio.com/docs/api/errors/54007
 */
export function checkAccess(ctx: Context, aclEnabled: boolean, accountSid: string, objectSid: string, identity: string, need: 'read' | 'write' | 'manage'): void {
  if (!aclEnabled) return;
  const p = syncPermissions(ctx).get(accountSid, `${objectSid}/${identity}`);
  if (!p?.[need]) throw new HookyardError('forbidden', `Access forbidden for identity ${identity}: it has no ${need} permission on ${objectSid}`, { code: 54007, status: 403 });
}

/**
 * Permissions of Documents, Lists and Maps: list, fetch, update (all of `Read`, `Write`, `Manage`
 * required), delete (which revokes all three) — per identity.
 * @see https://www.twilio.com/docs/sync/api/sync-permissions
 */
export function routeSyncPermissions(app: Hono<TwilioEnv>, ctx: Context, kind: SyncObjectKind): void {
  const wire = WIRE[kind];
  const permissions = syncPermissions(ctx);
  const object = (c: HonoContext<TwilioEnv>) => findObject(ctx, c.get('accountSid'), requireSyncService(ctx, c.get('accountSid'), c.req.param('ServiceSid')!).sid, kind, c.req.param(wire.param)!);
  const toJson = (p: SyncPermission, origin: string) => ({
    account_sid: p.accountSid,
    service_sid: p.serviceSid,
    [wire.sidKey]: p.objectSid,
    identity: p.identity,
    read: p.read,
    write: p.write,
    manage: p.manage,
    url: `${origin}/v1/Services/${p.serviceSid}/${wire.path}/${p.objectSid}/Permissions/${encodeURIComponent(p.identity)}`,
  });
  const requirePermission = (c: HonoContext<TwilioEnv>) => {
    const obj = object(c);
    const identity = parseIdentity(c.req.param('Identity')!);
    const p = permissions.get(c.get('accountSid'), `${obj.sid}/${identity}`);
    if (!p) throw new HookyardError('not_found', `The requested resource /Services/${obj.serviceSid}/${wire.path}/${obj.sid}/Permissions/${identity} was not found`);
    return p;
  };

  app.get(wire.list, function listPermission(c) {
    const obj = object(c);
    const origin = publicOrigin(c);
    return c.json(toPageJson(c, 'permissions', permissions.by(c.get('accountSid'), PERMISSIONS_BY_OBJECT, obj.sid), (p) => toJson(p, origin), {}, 100));
  });

  app.get(wire.one, function fetchPermission(c) {
    return c.json(toJson(requirePermission(c), publicOrigin(c)));
  });

  app.post(wire.one, async function updatePermission(c) {
    const form = await readForm(c);
    const obj = object(c);
    const identity = parseIdentity(c.req.param('Identity'));
    const flags = { read: bool(form, 'Read'), write: bool(form, 'Write'), manage: bool(form, 'Manage') };
    const missing = (['Read', 'Write', 'Manage'] as const).find((k) => flags[k.toLowerCase() as 'read'] === undefined);
    if (missing) throw new HookyardError('invalid_param', `Missing required parameter ${missing} in the post body`, { param: missing });
    const row: SyncPermission = { sid: `${obj.sid}/${identity}`, accountSid: c.get('accountSid'), serviceSid: obj.serviceSid, objectSid: obj.sid, kind, identity, read: flags.read!, write: flags.write!, manage: flags.manage! };
    const saved = permissions.get(c.get('accountSid'), row.sid) ? permissions.replace(c.get('accountSid'), row) : permissions.insert(c.get('accountSid'), row);
    await ctx.store.commit();
    return c.json(toJson(saved, publicOrigin(c)));
  });

  app.delete(wire.one, async function deletePermission(c) {
    permissions.remove(c.get('accountSid'), requirePermission(c).sid);
    await ctx.store.commit();
    return c.body(null, 204);
  });
}
