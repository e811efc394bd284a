import { commentFor, type SinchGenerator } from './generator.js';

const LANGUAGES = ['EN_US', 'EN', 'EN_GB', 'PT_BR', 'ES', 'DE', 'FR', 'IT'];

/** WhatsappTemplateDto, with `state`, `newState`, `futureCategory` and `rejectionCode` following the trigger. */
export const whatsappTemplate: SinchGenerator = (g) => {
  const f = g.faker;
  const name = `${f.helpers.arrayElement(['order', 'delivery', 'appointment', 'payment', 'account'])}_${f.helpers.arrayElement(['update', 'reminder', 'confirmation', 'alert'])}`;
  const category = name.startsWith('account') ? 'AUTHENTICATION' : f.helpers.arrayElement(['UTILITY', 'MARKETING']);
  const suffix = g.type.replace('WHATSAPP_TEMPLATE_', '');
  const newState = suffix === 'STATUS_UPDATED' ? f.helpers.arrayElement(['PAUSED', 'DISABLED', 'FLAGGED', 'REINSTATED']) : undefined;
  const state = suffix === 'REJECTED' ? 'REJECTED' : newState === 'PAUSED' || newState === 'DISABLED' ? newState : 'APPROVED';
  const payload: Record<string, unknown> = {
    whatsappId: f.string.numeric(15),
    name,
    language: f.helpers.arrayElement(LANGUAGES),
    category: suffix === 'CATEGORY_UPDATED' ? 'MARKETING' : category,
    state,
    qualityScore: suffix === 'QUALITY_SCORE_UPDATED' ? f.helpers.arrayElement(['QUALITY_SCORE_YELLOW', 'QUALITY_SCORE_RED']) : 'QUALITY_SCORE_GREEN',
    details: {
      components: [
        { type: 'BODY', text: `Hi {{1}}, your ${name.split('_')[0]} {{2}} is confirmed for ${f.date.weekday()}.`, examples: [f.person.firstName(), `${f.string.alpha({ length: 1, casing: 'upper' })}-${f.string.numeric(4)}`] },
        { type: 'FOOTER', text: f.company.name() },
      ],
    },
    analytics: [],
    isMetaGenerated: false,
  };
  if (state === 'REJECTED') payload['rejectionCode'] = f.helpers.arrayElement(['INVALID_FORMAT', 'TAG_CONTENT_MISMATCH', 'ABUSIVE_CONTENT', 'SCAM']);
  const comment = commentFor(g);
  const futureCategory = suffix === 'CATEGORY_FUTURE_UPDATE' ? 'MARKETING' : undefined;
  return { payload, extras: { ...comment, ...(newState ? { newState } : {}), ...(futureCategory ? { futureCategory } : {}) } };
};

const SENDER_STATES: Record<string, string> = { ACTIVE: 'ACTIVE', INACTIVE: 'INACTIVE', PENDING_VERIFICATION: 'PENDING_VERIFICATION', ERROR: 'ERROR' };

/** WhatsappSenderDto; `_REJECTED` and `_ERROR` show in `changes`, `_DELETED` is a minimal DTO. */
export const whatsappSender: SinchGenerator = (g) => {
  const f = g.faker;
  const suffix = g.type.replace('WHATSAPP_SENDER_', '');
  const id = f.string.uuid();
  if (suffix === 'DELETED') return { payload: { id, businessManager: 'SINCH_UK' } };
  const created = new Date(g.now.getTime() - 86_400_000 * f.number.int({ min: 2, max: 60 }));
  const displayName = `${f.company.name()} Support`;
  const payload: Record<string, unknown> = {
    id,
    state: SENDER_STATES[suffix] ?? (suffix === 'REJECTED' ? 'IN_PROGRESS' : 'ACTIVE'),
    details: { displayName, description: f.company.catchPhrase(), vertical: f.helpers.arrayElement(['RETAIL', 'PROFESSIONAL_SERVICES', 'FINANCE', 'TRAVEL']), email: f.internet.email(), websiteOne: f.internet.url() },
    metadata: { displayName: { value: displayName, status: 'APPROVED' } },
    created: created.toISOString(),
    modified: g.now.toISOString(),
    region: f.helpers.arrayElement(['EU', 'US', 'BR']),
    qualityRating: suffix === 'QUALITY_RATING_CHANGED' ? f.helpers.arrayElement(['YELLOW', 'RED']) : 'GREEN',
    dailyLimit: suffix === 'DAILY_LIMIT_CHANGED' ? 'TIER_100K' : 'TIER_10K',
    countryCode: '1',
    phoneNumber: f.string.numeric(10),
    businessManager: 'SINCH_UK',
    compatibleRegions: ['eu', 'us'],
  };
  if (suffix === 'REJECTED') payload['changes'] = { status: 'REJECTED', details: { displayName } };
  if (suffix === 'ERROR') payload['changes'] = { status: 'ERROR', errorReason: 'Phone number is already registered with another WhatsApp Business Account.' };
  return { payload, extras: { ...commentFor(g) } };
};

/** WhatsappAccountDto. */
export const whatsappAccount: SinchGenerator = (g) => {
  const f = g.faker;
  const suffix = g.type.replace(/^WHATSAPP_(ACCOUNT_|WABA_)/, '');
  const company = f.company.name();
  return {
    payload: {
      state: suffix === 'ONBOARDED' || suffix === 'ACCOUNT_CHANGED' ? 'ONBOARDED' : 'IN_PROGRESS',
      wabaId: f.string.numeric(15),
      businessManager: 'SINCH_UK',
      details: { companyLegalName: `${company} Ltd`, wabaName: company, clientBusinessManagerId: f.string.numeric(15) },
      ...(suffix === 'PENDING_VERIFICATION' ? { changes: { status: 'PENDING_FACEBOOK_VERIFICATION' } } : {}),
      ...(suffix === 'REJECTED' ? { changes: { status: 'REJECTED' } } : {}),
      ...(suffix === 'DAILY_LIMIT_CHANGED' ? { dailyLimit: 'TIER_1K' } : {}),
      compatibleRegions: ['eu', 'us'],
      currency: f.helpers.arrayElement(['USD', 'EUR', 'GBP']),
    },
    extras: { ...commentFor(g) },
  };
};
