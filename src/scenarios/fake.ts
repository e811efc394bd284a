import type { Faker } from '@faker-js/faker';
import type { Random } from '../core/random.js';

let loaded: Promise<Faker> | undefined;

/**
 * Faker, seeded from the context's random stream on every call, so `--seed` makes generated values repeat
 * and two hookyards in one process never disturb each other. Callers must use it synchronously after the
 * await (every generator does): the `locale/en` entry exports one shared instance, and a private instance
 * would need the full package (~110 ms of import instead of ~25). Imported lazily, on the first event.
 */
export async function fakerFor(ctx: { random: Random }): Promise<Faker> {
  const faker = await loadFaker();
  faker.seed(ctx.random.bytes(4).readUInt32BE(0));
  return faker;
}

/** Loads faker without seeding it (nor drawing from any random stream): to warm up before the first event. */
export const loadFaker = (): Promise<Faker> => (loaded ??= import('@faker-js/faker/locale/en').then((m) => m.faker));
