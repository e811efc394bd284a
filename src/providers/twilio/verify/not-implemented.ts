import type { SpecOperation } from '../common/app.js';

/**
 * Every Verify v2 operation of Twilio's spec that hookyard does not emulate; each answers 501 naming
 * itself. test/unit/verify-routes.test.ts checks this list plus the built routes cover the spec exactly.
 */
export const VERIFY_NOT_IMPLEMENTED: readonly SpecOperation[] = [
  { operationId: 'CreateAccessToken', method: 'POST', path: '/v2/Services/{ServiceSid}/AccessTokens' },
  { operationId: 'FetchAccessToken', method: 'GET', path: '/v2/Services/{ServiceSid}/AccessTokens/{Sid}' },
  { operationId: 'CreateChallenge', method: 'POST', path: '/v2/Services/{ServiceSid}/Entities/{Identity}/Challenges' },
  { operationId: 'ListChallenge', method: 'GET', path: '/v2/Services/{ServiceSid}/Entities/{Identity}/Challenges' },
  { operationId: 'FetchChallenge', method: 'GET', path: '/v2/Services/{ServiceSid}/Entities/{Identity}/Challenges/{Sid}' },
  { operationId: 'UpdateChallenge', method: 'POST', path: '/v2/Services/{ServiceSid}/Entities/{Identity}/Challenges/{Sid}' },
  { operationId: 'CreateEntity', method: 'POST', path: '/v2/Services/{ServiceSid}/Entities' },
  { operationId: 'ListEntity', method: 'GET', path: '/v2/Services/{ServiceSid}/Entities' },
  { operationId: 'DeleteEntity', method: 'DELETE', path: '/v2/Services/{ServiceSid}/Entities/{Identity}' },
  { operationId: 'FetchEntity', method: 'GET', path: '/v2/Services/{ServiceSid}/Entities/{Identity}' },
  { operationId: 'DeleteFactor', method: 'DELETE', path: '/v2/Services/{ServiceSid}/Entities/{Identity}/Factors/{Sid}' },
  { operationId: 'FetchFactor', method: 'GET', path: '/v2/Services/{ServiceSid}/Entities/{Identity}/Factors/{Sid}' },
  { operationId: 'UpdateFactor', method: 'POST', path: '/v2/Services/{ServiceSid}/Entities/{Identity}/Factors/{Sid}' },
  { operationId: 'ListFactor', method: 'GET', path: '/v2/Services/{ServiceSid}/Entities/{Identity}/Factors' },
  { operationId: 'CreateNewFactor', method: 'POST', path: '/v2/Services/{ServiceSid}/Entities/{Identity}/Factors' },
  { operationId: 'CreateNotification', method: 'POST', path: '/v2/Services/{ServiceSid}/Entities/{Identity}/Challenges/{ChallengeSid}/Notifications' },
  { operationId: 'UpdatePasskeysFactor', method: 'POST', path: '/v2/Services/{ServiceSid}/Passkeys/VerifyFactor' },
  { operationId: 'CreateNewFactorPasskey', method: 'POST', path: '/v2/Services/{ServiceSid}/Passkeys/Factors' },
  { operationId: 'CreateChallengePasskeys', method: 'POST', path: '/v2/Services/{ServiceSid}/Passkeys/Challenges' },
  { operationId: 'UpdateChallengePasskeys', method: 'POST', path: '/v2/Services/{ServiceSid}/Passkeys/ApproveChallenge' },
];
