import { commentFor, type SinchGenerator } from './generator.js';

/** RCS sender/account/brand callbacks (DTO fields unconfirmed: Sinch documents only the envelope). */
export const rcs: SinchGenerator = (g) => {
  const f = g.faker;
  const brand = f.company.name();
  const status = f.helpers.arrayElement(['LAUNCHED', 'IN_PROGRESS', 'UNLAUNCHED']);
  return {
    payload: {
      id: f.string.uuid(),
      state: g.type === 'RCS_SENDER_STATUS_UPDATED' ? status : 'IN_PROGRESS',
      details: { displayName: brand, brandName: brand, description: f.company.catchPhrase(), color: f.color.rgb({ casing: 'upper' }) },
      ...(g.type === 'RCS_SENDER_OPERATOR_STATUS_UPDATED' ? { operators: [{ name: f.helpers.arrayElement(['Verizon', 'T-Mobile', 'Vodafone']), status }] } : {}),
      ...(g.type === 'RCS_BRAND_REGISTRATION_PROCESS_STATUS_UPDATED' ? { brandRegistration: { status: f.helpers.arrayElement(['APPROVED', 'PENDING', 'REJECTED']) } } : {}),
      created: new Date(g.now.getTime() - 7 * 86_400_000).toISOString(),
      modified: g.now.toISOString(),
    },
    extras: { ...commentFor(g) },
  };
};

/** KakaoTalk sender and template callbacks (DTO fields unconfirmed). */
export const kakaotalk: SinchGenerator = (g) => {
  const f = g.faker;
  const template = g.type.startsWith('KAKAOTALK_TEMPLATE');
  const state = g.type.endsWith('APPROVED') || g.type.endsWith('ACTIVE') ? (template ? 'APPROVED' : 'ACTIVE') : g.type.endsWith('REJECTED') ? 'REJECTED' : g.type.endsWith('INACTIVE') ? 'INACTIVE' : 'IN_PROGRESS';
  const payload = template
    ? { templateCode: `TPL_${f.string.alphanumeric({ length: 8, casing: 'upper' })}`, name: `${f.commerce.productName()} notice`, state, content: `#{name}님, 주문하신 상품이 발송되었습니다.` }
    : { id: f.string.uuid(), state, details: { plusFriendId: `@${f.internet.username().toLowerCase()}`, categoryCode: f.string.numeric(11) } };
  return { payload: { ...payload, created: new Date(g.now.getTime() - 3 * 86_400_000).toISOString(), modified: g.now.toISOString() }, extras: { ...commentFor(g) } };
};

/** BUNDLE_DONE (DTO fields unconfirmed). */
export const bundle: SinchGenerator = (g) => ({
  payload: { id: g.faker.string.uuid(), projectId: g.projectId, state: 'DONE', created: new Date(g.now.getTime() - 600_000).toISOString(), modified: g.now.toISOString() },
});
