import { z } from 'zod';
import { MAX_CHAOS_MS } from '../delivery/chaos.js';
import { DURATION_PATTERN, parseDuration } from './duration.js';

const duration = z.string().regex(DURATION_PATTERN, 'a duration like 250ms, 5s, 1m or 2h');
const name = z.string().regex(/^[A-Za-z_][\w-]*$/, 'a name of letters, digits, _ and - (it is used in ${name.path} references)');

export const scheduleSchema = z
  .strictObject({
    every: duration.refine((d) => !DURATION_PATTERN.test(d) || parseDuration(d) > 0, 'an interval above 0, like 250ms or 5s').optional().describe('run every interval: 5s, 1m'),
    cron: z.string().optional().describe('a 5- or 6-field cron expression (seconds first when 6)'),
    at: z.iso.datetime({ offset: true }).optional().describe('run once at this ISO time'),
    count: z.int().min(1).optional().describe('stop after this many runs (a missed tick does not count)'),
    until: z.iso.datetime({ offset: true }).optional().describe('stop after this ISO time'),
    jitter: duration.optional().describe('add a random delay up to this to each run (seeded)'),
  })
  .refine((s) => [s.every, s.cron, s.at].filter((x) => x !== undefined).length === 1, { message: 'give exactly one of every, cron or at' });

const requestSchema = z.strictObject({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  path: z.string().startsWith('/'),
  auth: z.enum(['twilio', 'sinch']).optional().describe('send the Twilio or Sinch credentials'),
  form: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional().describe('form fields (Twilio APIs)'),
  json: z.unknown().optional().describe('a JSON body (Sinch APIs, /_hookyard)'),
  expectStatus: z.int().optional().describe('fail unless the response has this status (default: any 2xx)'),
});

const emitSchema = z.strictObject({
  event: z.string().describe('a name from `hookyard events`, e.g. sync.document_updated'),
  input: z.record(z.string(), z.unknown()).optional().describe('pointers such as serviceSid, identity, uniqueName'),
  data: z.record(z.string(), z.unknown()).optional().describe('payload overrides'),
  count: z.int().min(1).max(1000).optional(),
});

export const stepSchema = z
  .strictObject({
    name,
    request: requestSchema.optional().describe("call one of hookyard's fake APIs; the result is the response JSON"),
    emit: emitSchema.optional().describe('emit an event; the result is {event, events, deliveries}'),
    wait: duration.optional().describe('pause (on hookyard’s clock)'),
    schedule: scheduleSchema.optional().describe('with emit: run it on a schedule instead of once'),
  })
  .refine((s) => [s.request, s.emit, s.wait].filter((x) => x !== undefined).length === 1, { message: 'give exactly one of request, emit or wait' })
  .refine((s) => s.schedule === undefined || s.emit !== undefined, { message: 'schedule goes with emit' });

/**
 * A scenario file. Strings may hold `${step.path}` (a result of an earlier step), `${env:VAR|default}` and
 * `${fake:module.method}` (seeded faker); a string that is only one reference keeps the value's type.
 */
const chaosSchema = z
  .strictObject({
    duplicate: z.number().min(0).max(1).optional().describe('probability of sending a delivery twice'),
    reorderWindowMs: z.number().min(0).max(MAX_CHAOS_MS).optional().describe('hold each delivery up to this long (ms, at most 1 h), so events arrive out of order'),
    latencyMs: z.strictObject({ min: z.number().min(0).max(MAX_CHAOS_MS), max: z.number().min(0).max(MAX_CHAOS_MS) }).refine((l) => l.max >= l.min, 'max must not be below min').optional(),
    dropFirst: z.number().min(0).max(1).optional().describe('probability of losing a first attempt (then retried per profile)'),
  })
  .describe('delivery faults while this scenario runs, drawn from the seeded random');

export const scenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string(),
  description: z.string().optional(),
  chaos: chaosSchema.optional(),
  steps: z.array(stepSchema).min(1),
});

export type Scenario = z.infer<typeof scenarioSchema>;
export type Step = z.infer<typeof stepSchema>;
export type ScheduleSpec = z.infer<typeof scheduleSchema>;

/** The JSON Schema of scenario files, generated from the validator (fixtures/schema.json is this, written out). */
export function scenarioJsonSchema(): unknown {
  return { ...z.toJSONSchema(scenarioSchema, { target: 'draft-2020-12', unrepresentable: 'any' }), title: 'hookyard scenario' };
}
