import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import twilio from 'twilio';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHookyard, createManualClock, type Hookyard, type ManualClock } from '../../src/index.js';
import { PROVIDERS } from '../../src/providers/index.js';
import { createApi } from '../../src/scenarios/api.js';
import { parseScenario } from '../../src/scenarios/load.js';
import { runScenario } from '../../src/scenarios/runner.js';
import { scenarioJsonSchema } from '../../src/scenarios/schema.js';
import { runCli, waitForLines } from '../helpers/cli.js';
import { formParams, startReceiver, type Receiver } from '../helpers/receiver.js';
import { tempDir } from '../helpers/tmp.js';

const scenario = (steps: unknown[]) => JSON.stringify({ name: 'sched', steps });
const setupSteps = (url: string) => [
  { name: 'service', request: { method: 'POST', path: '/v1/Services', auth: 'twilio', form: { WebhookUrl: url, ReachabilityWebhooksEnabled: 'true' } } },
];
const tick = (schedule: unknown) => ({ name: 'tick', emit: { event: 'sync.document_updated', input: { serviceSid: '${service.sid}', uniqueName: 'clock', create: true } }, schedule });

describe('schedules on the injected clock', () => {
  let hook: Hookyard;
  let clock: ManualClock;
  let receiver: Receiver;
  const run = async (steps: unknown[]) => {
    const s = parseScenario(scenario(steps), 'inline.json', PROVIDERS);
    const creds = { accountSid: hook.accountSid, authToken: hook.authToken, sinchProjectId: hook.sinch.projectId, sinchKeyId: hook.sinch.keyId, sinchKeySecret: hook.sinch.keySecret };
    return runScenario(s, { api: createApi(hook.url, creds, (r) => hook.app.fetch(r)), providers: PROVIDERS, scheduler: hook.ctx.scheduler, clock, random: hook.ctx.random });
  };
  /** Moves fake time and lets the emits it started finish (their deliveries are real HTTP). */
  const advance = async (ms: number) => {
    clock.advance(ms);
    for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 2));
    await hook.idle();
  };
  const arrivals = () => receiver.received.map((r) => formParams(r.body) as Record<string, string>);

  beforeEach(async () => {
    clock = createManualClock('2026-07-01T00:00:00Z');
    hook = await createHookyard({ seed: 'schedules', clock });
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await hook.close();
    await receiver.close();
  });

  it('a 1-second every schedule delivers on time, count times, then stops', async () => {
    const { schedules } = await run([...setupSteps(`${receiver.url}/s`), tick({ every: '1s', count: 3 })]);
    expect(schedules[0]).toMatchObject({ state: 'active', nextRunAt: '2026-07-01T00:00:01.000Z' });
    await advance(999);
    expect(receiver.received).toHaveLength(0);
    await advance(1);
    expect(arrivals().map((p) => p['DateCreated'])).toEqual(['2026-07-01T00:00:01Z']);
    await advance(1000);
    await advance(1000);
    await advance(5000);
    expect(arrivals().map((p) => p['DateCreated'])).toEqual(['2026-07-01T00:00:01Z', '2026-07-01T00:00:02Z', '2026-07-01T00:00:03Z']);
    for (const r of receiver.received) expect(twilio.validateRequest(hook.authToken, String(r.headers['x-twilio-signature']), r.url, formParams(r.body))).toBe(true);
    const listed = (await (await fetch(`${hook.url}/_hookyard/schedules`)).json()) as { schedules: { state: string; runs: number }[] };
    expect(listed.schedules[0]).toMatchObject({ state: 'done', runs: 3 });
  });

  it('runs cron (6-field) and at schedules, honours until, and can be cancelled over the admin API', async () => {
    const { schedules } = await run([
      ...setupSteps(`${receiver.url}/c`),
      tick({ cron: '*/10 * * * * *', until: '2026-07-01T00:00:30Z' }),
      { ...tick({ at: '2026-07-01T00:00:05Z' }), name: 'once' },
      { ...tick({ every: '1s' }), name: 'forever' },
    ]);
    expect((await fetch(`${hook.url}/_hookyard/schedules/${schedules[2]!.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await fetch(`${hook.url}/_hookyard/schedules/${schedules[2]!.id}`, { method: 'DELETE' })).status).toBe(404);
    for (let s = 0; s < 60; s += 5) await advance(5000);
    expect(arrivals().map((p) => p['DateCreated'])).toEqual(['2026-07-01T00:00:05Z', '2026-07-01T00:00:10Z', '2026-07-01T00:00:20Z', '2026-07-01T00:00:30Z']);
    expect(schedules.map((s) => s.state)).toEqual(['done', 'done', 'cancelled']);
  });

  it('starts a burst of ticks due together on time and emits one tick per turn of the event loop, with summaries', async () => {
    const lines: string[] = [];
    const s = parseScenario(scenario([...setupSteps(`${receiver.url}/b`), ...Array.from({ length: 50 }, (_, i) => ({ ...tick({ every: '1s', count: 1 }), name: `t${i}` }))]), 'inline.json', PROVIDERS);
    const creds = { accountSid: hook.accountSid, authToken: hook.authToken, sinchProjectId: hook.sinch.projectId, sinchKeyId: hook.sinch.keyId, sinchKeySecret: hook.sinch.keySecret };
    const { schedules } = await runScenario(s, { api: createApi(hook.url, creds, (r) => hook.app.fetch(r)), providers: PROVIDERS, scheduler: hook.ctx.scheduler, clock, random: hook.ctx.random, log: (l) => lines.push(l) });
    clock.advance(1000);
    // Every tick started at its grid time; their emits wait for their turns rather than run back to back.
    expect(schedules.map((x) => [x.runs, x.lastLateMs, x.lastDueAt])).toEqual(schedules.map(() => [1, 0, '2026-07-01T00:00:01.000Z']));
    await new Promise((r) => setImmediate(r));
    expect(hook.ctx.journal.list().length).toBeLessThanOrEqual(2);
    await receiver.waitFor(50);
    await advance(0);
    expect(lines.filter((l) => /^ {2}✔ t\d+: sync\.document_updated → http:\/\/127\.0\.0\.1:\d+\/b 200$/.test(l))).toHaveLength(50);
  });

  it('reports ticks missed during a pause instead of bunching them, resumes on the grid, and jitters with the seed', async () => {
    const { schedules } = await run([...setupSteps(`${receiver.url}/p`), tick({ every: '1s', jitter: '500ms' })]);
    const first = Date.parse(schedules[0]!.nextRunAt!);
    expect(first).toBeGreaterThanOrEqual(Date.parse('2026-07-01T00:00:01Z'));
    expect(first).toBeLessThan(Date.parse('2026-07-01T00:00:01.500Z'));
    // A 10-second pause: the clock jumps without stepping through the ticks in between.
    clock.set(new Date(first + 10_000));
    for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 2));
    await hook.idle();
    expect(receiver.received.length).toBeLessThanOrEqual(1);
    expect(schedules[0]).toMatchObject({ missed: 10 });
    // Tick 10 runs at its grid time plus its own jitter (maybe at once, maybe a little later), never replaying the others.
    await advance(500);
    expect(arrivals().map((p) => p['DateCreated'])).toEqual(['2026-07-01T00:00:11Z']);
    expect(schedules[0]).toMatchObject({ runs: 1, missed: 10, lastDueAt: '2026-07-01T00:00:11.000Z' });
    const next = Date.parse(schedules[0]!.nextRunAt!);
    expect(next).toBeGreaterThanOrEqual(Date.parse('2026-07-01T00:00:12Z'));
    expect(next).toBeLessThan(Date.parse('2026-07-01T00:00:12.500Z'));
    hook.ctx.scheduler.cancelAll();
  });
});

describe('scenario validation', () => {
  const bad: [unknown, RegExp][] = [
    [{ name: 'x', steps: [{ name: 'a', request: { method: 'FETCH', path: '/v2/Services' } }] }, /step 'a' \(steps\[0\]\) request\.method: /],
    [{ name: 'x', steps: [{ name: 'a', emit: { event: 'sync.documnt_updated' } }] }, /step 'a' \(steps\[0\]\) emit\.event: unknown event 'sync\.documnt_updated'; did you mean sync\.document_updated/],
    [{ name: 'x', steps: [{ name: 'a', emit: { event: 'sync.document_updated', input: { serviceSid: '${b.sid}' } } }, { name: 'b', wait: '1s' }] }, /step 'a' \(steps\[0\]\) : \$\{b…\} does not name an earlier step/],
    [{ name: 'x', steps: [{ name: 'a', wait: '1s', schedule: { every: '1s' } }] }, /step 'a' \(steps\[0\]\): schedule goes with emit/],
    [{ name: 'x', steps: [{ name: 'a', emit: { event: 'sync.document_updated' }, schedule: { cron: 'every tuesday' } }] }, /step 'a' \(steps\[0\]\) schedule\.cron: /],
    [{ name: 'x', steps: [{ name: 'a', emit: { event: 'sync.document_updated' }, schedule: { every: '1s', at: '2026-01-01T00:00:00Z' } }] }, /exactly one of every, cron or at/],
    [{ name: 'x', steps: [{ name: 'a', wait: 'soon' }] }, /step 'a' \(steps\[0\]\) wait: a duration like/],
    [{ name: 'x', steps: [{ name: 'a', emit: { event: 'sync.document_updated' }, schedule: { every: '0ms' } }] }, /step 'a' \(steps\[0\]\) schedule\.every: an interval above 0/],
    [{ name: 'x', steps: [{ name: 'a', wait: '1s' }, { name: 'a', wait: '1s' }] }, /another step is already named 'a'/],
    [{ steps: [] }, /name: /],
  ];
  it.each(bad)('refuses %j before running anything', (s, message) => {
    expect(() => parseScenario(JSON.stringify(s), 'bad.json', PROVIDERS)).toThrow(message);
  });

  it('fixtures/schema.json is the validator’s own JSON Schema, and every shipped scenario points at it', () => {
    const committed = JSON.parse(readFileSync(new URL('../../fixtures/schema.json', import.meta.url), 'utf8')) as unknown;
    expect(committed).toEqual(scenarioJsonSchema());
    for (const f of ['verify-push-login', 'event-streams-quickstart', 'sync-collaborative-document', 'sinch-whatsapp-template-review']) {
      const text = readFileSync(new URL(`../../fixtures/${f}.json`, import.meta.url), 'utf8');
      expect((JSON.parse(text) as { $schema: string }).$schema).toBe('./schema.json');
      expect(parseScenario(text, f, PROVIDERS).steps.length).toBeGreaterThan(2);
    }
  });

  it('the CLI reports an invalid file in one line and runs serve --scenario once listening', async () => {
    const dir = tempDir('hookyard-scenario-');
    const badFile = join(dir, 'bad.json');
    writeFileSync(badFile, JSON.stringify({ name: 'x', steps: [{ name: 'a', request: { method: 'FETCH', path: '/' } }] }));
    const v = runCli(['scenario', 'validate', badFile]);
    expect(await v.exited).toBe(2);
    expect(v.stderr().trim().split('\n')).toEqual([expect.stringMatching(/step 'a' \(steps\[0\]\) request\.method/)]);
    const s = runCli(['serve', '--port', '0', '--scenario', badFile]);
    expect(await s.exited).toBe(2);
    expect(s.stderr().trim().split('\n')).toHaveLength(1);

    const receiver = await startReceiver();
    const good = join(dir, 'good.json');
    writeFileSync(good, scenario([...setupSteps(`${receiver.url}/serve`), { name: 'now', emit: { event: 'sync.document_created', input: { serviceSid: '${service.sid}', uniqueName: 'd' } } }, { ...tick({ every: '1h' }), name: 'hourly' }]));
    const served = runCli(['serve', '--port', '0', '--print-env', '--scenario', good]);
    const url = (await waitForLines(served, 6))[0]!.split('=')[1]!;
    await receiver.waitFor(1);
    expect(formParams(receiver.received[0]!.body)).toMatchObject({ EventType: 'document_created', DocumentUniqueName: 'd' });
    const listed = (await (await fetch(`${url}/_hookyard/schedules`)).json()) as { schedules: { label: string; state: string }[] };
    expect(listed.schedules).toMatchObject([{ label: 'sched/hourly', state: 'active' }]);
    served.child.kill('SIGTERM');
    expect(await served.exited).toBe(0);
    await receiver.close();
  });
});
