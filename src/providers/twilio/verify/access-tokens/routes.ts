import type { Hono } from 'hono';
import { toIsoSeconds } from '../../../../core/clock.js';
import { createCollection, type Row } from '../../../../core/collection.js';
import type { Context } from '../../../../core/context.js';
import { newSid } from '../../../../core/ids.js';
import { publicOrigin } from '../../../hosts.js';
import { readForm } from '../../common/app.js';
import type { TwilioEnv } from '../../common/auth.js';
import { int, str } from '../../common/params.js';
import { requireRow } from '../../common/resource.js';
import { parseIdentity } from '../entities/store.js';
import { verifyError } from '../errors.js';
import { VERIFY_PATHS } from '../paths.js';
import { requireService } from '../services/routes.js';
import { mintAccessToken } from './token.js';

interface AccessToken extends Row {
  accountSid: string;
  serviceSid: string;
  entityIdentity: string;
  factorType: 'push';
  factorFriendlyName: string | null;
  token: string;
  ttl: number;
  dateCreated: string;
}

const VERIFY_ACCESS_TOKENS = 'verify.access-tokens';

const toJson = (t: AccessToken, origin: string) => ({
  sid: t.sid,
  account_sid: t.accountSid,
  service_sid: t.serviceSid,
  entity_identity: t.entityIdentity,
  factor_type: t.factorType,
  factor_friendly_name: t.factorFriendlyName,
  token: t.token,
  url: `${origin}/v2/Services/${t.serviceSid}/AccessTokens/${t.sid}`,
  ttl: t.ttl,
  date_created: t.dateCreated,
});

/**
 * Access Tokens: createAccessToken (`Identity`, `FactorType=push`, `FactorFriendlyName`, `Ttl` 60–300 s,
 * default 60) and fetchAccessToken. A device creates its factor with Basic `token:<token>` while it lives;
 * it may be used more than once (hookyard's choice: Twilio does not say).
 * @see https://www.twilio.com/docs/verify/api/access-token
 */
export function routeAccessTokens(app: Hono<TwilioEnv>, ctx: Context): void {
  const tokens = createCollection<AccessToken>(ctx.store, VERIFY_ACCESS_TOKENS);

  app.post(VERIFY_PATHS.accessTokens, async function createAccessToken(c) {
    const form = await readForm(c);
    const service = requireService(ctx, c.get('accountSid'), c.req.param('ServiceSid'));
    const invalid = (param: string, why: string) => verifyError(400, 60305, `Access Token parameters invalid: ${why}`, param);
    const identity = str(form, 'Identity');
    if (identity === undefined) throw invalid('Identity', 'Identity is required');
    parseIdentity(identity);
    if (str(form, 'FactorType') !== 'push') throw invalid('FactorType', 'FactorType must be push');
    const ttl = int(form, 'Ttl', { min: 60, max: 300 }) ?? 60;
    const friendlyName = str(form, 'FactorFriendlyName', { max: 64 }) ?? null;
    const sid = newSid(ctx.random, 'verifyAccessToken');
    const token = await mintAccessToken(ctx, { accountSid: c.get('accountSid'), serviceSid: service.sid, identity, factorType: 'push', friendlyName, sid }, ttl);
    const row = tokens.insert(c.get('accountSid'), { sid, accountSid: c.get('accountSid'), serviceSid: service.sid, entityIdentity: identity, factorType: 'push', factorFriendlyName: friendlyName, token, ttl, dateCreated: toIsoSeconds(ctx.clock.now()) });
    await ctx.store.commit();
    return c.json(toJson(row, publicOrigin(c)), 201);
  });

  app.get(VERIFY_PATHS.accessToken, function fetchAccessToken(c) {
    const serviceSid = requireService(ctx, c.get('accountSid'), c.req.param('ServiceSid')).sid;
    const sid = c.req.param('Sid');
    return c.json(toJson(requireRow(tokens, c.get('accountSid'), sid, 'verifyAccessToken', `/Services/${serviceSid}/AccessTokens/${sid}`, (t) => t.serviceSid === serviceSid), publicOrigin(c)));
  });
}
