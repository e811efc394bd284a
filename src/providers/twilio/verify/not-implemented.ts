import type { SpecOperation } from '../common/app.js';

/**
 * Every Verify v2 operation of Twilio's spec that hookyard does not emulate; each answers 501 naming
 * itself. test/unit/verify-routes.test.ts checks this list plus the built routes cover the spec exactly.
 */
export const VERIFY_NOT_IMPLEMENTED: readonly SpecOperation[] = [
  { operationId: 'UpdatePasskeysFactor', method: 'POST', path: '/v2/Services/{ServiceSid}/Passkeys/VerifyFactor' },
  { operationId: 'CreateNewFactorPasskey', method: 'POST', path: '/v2/Services/{ServiceSid}/Passkeys/Factors' },
  { operationId: 'CreateChallengePasskeys', method: 'POST', path: '/v2/Services/{ServiceSid}/Passkeys/Challenges' },
  { operationId: 'UpdateChallengePasskeys', method: 'POST', path: '/v2/Services/{ServiceSid}/Passkeys/ApproveChallenge' },
];
