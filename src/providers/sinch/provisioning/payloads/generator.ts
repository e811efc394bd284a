import type { Faker } from '@faker-js/faker';

export interface SinchGenInput {
  faker: Faker;
  projectId: string;
  /** The trigger, e.g. `WHATSAPP_TEMPLATE_APPROVED`. */
  type: string;
  now: Date;
}

/** The callback's `payload` (the resource DTO at the time of the callback) and any top-level extras. */
export interface SinchCallbackBody {
  payload: Record<string, unknown>;
  extras?: { comment?: string; newState?: string; futureCategory?: string };
}

export type SinchGenerator = (g: SinchGenInput) => SinchCallbackBody;

/** `_COMMENT_ADDED` callbacks carry a top-level `comment`. */
export const commentFor = (g: SinchGenInput) =>
  g.type.endsWith('_COMMENT_ADDED')
    ? { comment: g.faker.helpers.arrayElement(['Please provide a business website that matches the display name.', 'Documents received, review in progress.', 'The logo does not meet the size requirements.']) }
    : undefined;
