import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createHookyard, type Hookyard, type HookyardOptions } from '../../src/index.js';
import { startReceiver, type Receiver } from './receiver.js';

/**
 * The lifecycle most integration suites share: one hookyard and one real receiver for the file, and before
 * each test an empty store, an empty receiver log, and a receiver answering 200. Registered before the
 * file's own hooks, so those run after it (e.g. to create a service on the fresh store).
 */
export function useHookAndReceiver(options: HookyardOptions = {}): { hook: Hookyard; receiver: Receiver } {
  const env = {} as { hook: Hookyard; receiver: Receiver };
  beforeAll(async () => {
    env.hook = await createHookyard(options);
    env.receiver = await startReceiver();
  });
  afterAll(async () => {
    await env.hook.close();
    await env.receiver.close();
  });
  beforeEach(async () => {
    await env.hook.reset();
    env.receiver.received.length = 0;
    env.receiver.respondWith(200);
  });
  return env;
}

/** `start(options)` makes a hookyard that is closed after each test of the file. */
export function useHookyards(): (options?: HookyardOptions) => Promise<Hookyard> {
  const open: Hookyard[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((h) => h.close()));
  });
  return async (options = {}) => {
    const h = await createHookyard(options);
    open.push(h);
    return h;
  };
}
