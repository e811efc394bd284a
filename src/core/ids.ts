import type { Random } from './random.js';

/**
 * Every SID prefix hookyard mints, in one table. A SID is the prefix plus 32 lower-case hex digits.
 * @see https://www.twilio.com/docs/glossary/what-is-a-sid
 */
export const SID_PREFIX = {
  account: 'AC',
  verifyService: 'VA',
  verifyWebhook: 'YW',
  verifyEntity: 'YE',
  verifyFactor: 'YF',
  verifyChallenge: 'YC',
  verifyRateLimit: 'RK',
  verifyBucket: 'BL',
  verifySafelist: 'GN',
  verifyTemplate: 'HJ',
  verifyNotification: 'NT',
  verifyAccessToken: 'YK',
  pushCredential: 'CR',
  syncStream: 'TO',
  syncStreamMessage: 'TZ',
  eventSink: 'DG',
  eventSubscription: 'DF',
  eventId: 'EZ',
  syncService: 'IS',
  // Resources that only appear inside generated event payloads:
  message: 'SM',
  messagingService: 'MG',
  call: 'CA',
  voiceWebhookEvent: 'VW',
  studioFlow: 'FW',
  studioExecution: 'FN',
  studioStep: 'FT',
  taskrouterEvent: 'EV',
  taskrouterWorkspace: 'WS',
  taskrouterTask: 'WT',
  taskrouterWorker: 'WK',
  taskrouterReservation: 'WR',
  taskrouterQueue: 'WQ',
  taskrouterWorkflow: 'WW',
  verification: 'VE',
  verificationAttempt: 'VL',
  conversation: 'CH',
  conversationMessage: 'IM',
  conversationParticipant: 'MB',
  conversationsService: 'IS',
  errorLog: 'NO',
  syncDocument: 'ET',
  syncList: 'ES',
  syncMap: 'MP',
  delivery: 'HD',
  event: 'HE',
} as const;

export type SidKind = keyof typeof SID_PREFIX;

export function newSid(random: Random, kind: SidKind): string {
  return SID_PREFIX[kind] + random.hex(32);
}

export function isSid(value: string, kind: SidKind): boolean {
  return value.length === 34 && value.startsWith(SID_PREFIX[kind]) && /^[0-9a-fA-F]{32}$/.test(value.slice(2));
}

/** A random RFC 4122 v4 UUID drawn from the (possibly seeded) stream. */
export function newUuid(random: Random): string {
  const b = random.bytes(16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
