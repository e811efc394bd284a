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

/** The longest a delivery may be held by chaos (reorder window, latency): one hour. */
export const MAX_CHAOS_MS = 3_600_000;

/** Thrown for chaos options out of range; `field` is the option at fault, in the API's spelling. */
export class ChaosOptionError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const probability = (field: string, v: unknown) => {
  if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new ChaosOptionError(field, `${field} must be a probability from 0 to 1`);
  return v;
};
const ms = (field: string, v: unknown) => {
  if (typeof v !== 'number' || !(v >= 0 && v <= MAX_CHAOS_MS)) throw new ChaosOptionError(field, `${field} must be a number of ms from 0 to ${MAX_CHAOS_MS}`);
  return v;
};

/**
 * Checks chaos options as `PUT /_hookyard/chaos`, `--chaos` and scenario files give them: probabilities
 * in [0, 1], windows and latencies in [0, 1 h] ms with `min ≤ max`, nothing else. Throws `ChaosOptionError`.
 */
export function validateChaos(input: unknown): ChaosOptions {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new ChaosOptionError('body', 'chaos options are an object {duplicate, reorderWindowMs, latencyMs: {min, max}, dropFirst}');
  const o: ChaosOptions = {};
  for (const [k, v] of Object.entries(input)) {
    if (k === 'duplicate') o.duplicate = probability(k, v);
    else if (k === 'dropFirst') o.dropFirst = probability(k, v);
    else if (k === 'reorderWindowMs') o.reorderWindowMs = ms(k, v);
    else if (k === 'latencyMs') {
      const l = v as { min?: unknown; max?: unknown } | null;
      if (l === null || typeof l !== 'object' || Object.keys(l).some((x) => x !== 'min' && x !== 'max')) throw new ChaosOptionError(k, 'latencyMs must be {min, max} in ms');
      const min = ms('latencyMs.min', l.min);
      const max = ms('latencyMs.max', l.max);
      if (max < min) throw new ChaosOptionError('latencyMs.max', 'latencyMs.max must not be below latencyMs.min');
      o.latencyMs = { min, max };
    } else throw new ChaosOptionError(k, `unknown chaos option '${k}'; use duplicate, reorderWindowMs, latencyMs, dropFirst`);
  }
  return o;
}

/** `duplicate=0.2,reorder=1000,latency=50-300,drop-first=0.3` → options; throws a readable message. */
export function parseChaos(spec: string): ChaosOptions {
  const o: Record<string, unknown> = {};
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [k, v = ''] = part.split('=');
    const n = v.trim() === '' ? NaN : Number(v);
    if (k === 'duplicate') o['duplicate'] = n;
    else if (k === 'drop-first') o['dropFirst'] = n;
    else if (k === 'reorder') o['reorderWindowMs'] = n;
    else if (k === 'latency') {
      const m = /^([\d.e+]+)-([\d.e+]+)$/.exec(v);
      if (!m) throw new Error('latency must be min-max in ms, e.g. 50-300');
      o['latencyMs'] = { min: Number(m[1]), max: Number(m[2]) };
    } else throw new Error(`unknown chaos '${k}'; use duplicate, reorder, latency, drop-first`);
  }
  try {
    return validateChaos(o);
  } catch (err) {
    const names: Record<string, string> = { dropFirst: 'drop-first', reorderWindowMs: 'reorder', 'latencyMs.min': 'latency', 'latencyMs.max': 'latency' };
    const e = err as ChaosOptionError;
    throw new Error(e.message.replace(e.field, names[e.field] ?? e.field));
  }
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
