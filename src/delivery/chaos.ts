import { createRandom, type Random } from '../core/random.js';

/** Receiver-hardening faults, all drawn from one seeded stream so a failing run repeats exactly. */
export interface ChaosOptions {
  /** Probability of sending a delivery twice (same event, same id). */
  duplicate?: number;
  /** Hold each delivery a random time below this (ms), so events emitted together arrive out of order. */
  reorderWindowMs?: number;
  /** Extra latency before each delivery, uniform in [min, max] ms. */
  latencyMs?: { min: number; max: number };
  /** Probability that a delivery's first attempt is dropped (recorded as a network error, then retried per profile). */
  dropFirst?: number;
}

export interface ChaosDecision {
  duplicate: boolean;
  holdMs: number;
  dropFirst: boolean;
}

export interface Chaos {
  decide(): ChaosDecision | undefined;
  set(options: ChaosOptions | undefined): void;
  readonly options: ChaosOptions | undefined;
}

/** `--chaos` without a value. */
export const DEFAULT_CHAOS: ChaosOptions = { duplicate: 0.1, reorderWindowMs: 500, latencyMs: { min: 0, max: 200 }, dropFirst: 0.1 };

/** `duplicate=0.2,reorder=1000,latency=50-300,drop-first=0.3` → options; throws a readable message. */
export function parseChaos(spec: string): ChaosOptions {
  const o: ChaosOptions = {};
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [k, v = ''] = part.split('=');
    const n = Number(v);
    if (k === 'duplicate' || k === 'drop-first') {
      if (!(n >= 0 && n <= 1)) throw new Error(`${k} must be a probability from 0 to 1`);
      if (k === 'duplicate') o.duplicate = n;
      else o.dropFirst = n;
    } else if (k === 'reorder') {
      if (!(n >= 0)) throw new Error('reorder must be a window in ms');
      o.reorderWindowMs = n;
    } else if (k === 'latency') {
      const [min, max] = v.split('-').map(Number);
      if (!(min! >= 0 && max! >= min!)) throw new Error('latency must be min-max in ms, e.g. 50-300');
      o.latencyMs = { min: min!, max: max! };
    } else {
      throw new Error(`unknown chaos '${k}'; use duplicate, reorder, latency, drop-first`);
    }
  }
  return o;
}

/** Chaos with its own stream (derived from the seed), so it never shifts SIDs or payloads. */
export function createChaos(seed: string | undefined, initial?: ChaosOptions): Chaos {
  const random: Random = createRandom(seed === undefined ? undefined : `${seed}:chaos`);
  let options = initial;
  return {
    get options() {
      return options;
    },
    set(o) {
      options = o;
    },
    decide() {
      if (!options) return undefined;
      const roll = () => random.float();
      const latency = options.latencyMs ? options.latencyMs.min + roll() * (options.latencyMs.max - options.latencyMs.min) : 0;
      const reorder = options.reorderWindowMs ? roll() * options.reorderWindowMs : 0;
      return {
        duplicate: roll() < (options.duplicate ?? 0),
        holdMs: Math.round(latency + reorder),
        dropFirst: roll() < (options.dropFirst ?? 0),
      };
    },
  };
}
