import type { ManualClock } from '../../src/index.js';
import type { Hookyard } from '../../src/index.js';
import { PROVIDERS } from '../../src/providers/index.js';
import { createApi } from '../../src/scenarios/api.js';
import { loadScenario } from '../../src/scenarios/load.js';
import { runScenario, type RunResult } from '../../src/scenarios/runner.js';
import type { Scenario } from '../../src/scenarios/schema.js';

export const fixture = (name: string) => new URL(`../../fixtures/${name}.json`, import.meta.url).pathname;

/** Runs a scenario against the running server over HTTP, moving the manual clock through its waits. */
export async function runAgainst(hook: Hookyard, clock: ManualClock, scenario: Scenario | string, env: NodeJS.ProcessEnv): Promise<RunResult> {
  const s = typeof scenario === 'string' ? loadScenario(fixture(scenario), PROVIDERS) : scenario;
  const creds = { accountSid: hook.accountSid, authToken: hook.authToken, sinchProjectId: hook.sinch.projectId, sinchKeyId: hook.sinch.keyId, sinchKeySecret: hook.sinch.keySecret };
  let settled = false;
  const run = runScenario(s, { api: createApi(hook.url, creds), providers: PROVIDERS, scheduler: hook.ctx.scheduler, clock, random: hook.ctx.random, env }).finally(() => {
    settled = true;
  });
  // Waits are timers on the manual clock. Time moves only when something waits on it, and then exactly to
  // the next timer, so virtual time never depends on how long the HTTP calls took.
  for (let i = 0; i < 5000 && !settled; i++) {
    await new Promise((r) => setTimeout(r, 1));
    const next = clock.nextTimerAt();
    if (next) clock.advance(Math.max(0, next.getTime() - clock.now().getTime()));
  }
  const result = await run;
  await hook.idle();
  return result;
}
