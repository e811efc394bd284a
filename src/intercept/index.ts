/**
 * `import 'hookyard/intercept'`: starts an in-process hookyard (in memory, any free port) that the real
 * `twilio` and `@sinch/sdk-core` clients reach with no code change — requests to the provider hosts are
 * answered by it, every other host is untouched. `hook` is that hookyard (`await hook.close()` removes it);
 * `HOOKYARD_URL` is set for tools that read it.
 */
import { createHookyard } from '../server/hookyard.js';

export const hook = await createHookyard({ intercept: true, ...(process.env['HOOKYARD_SEED'] ? { seed: process.env['HOOKYARD_SEED'] } : {}) });
process.env['HOOKYARD_URL'] = hook.url;
