import { checkInteger } from '../errors';

/**
 * Seeded pseudo-random numbers so that examples, initialisations and tests are
 * reproducible across Node and browsers. mulberry32 for uniforms, Box-Muller for normals.
 */
export class Random {
  private state: number;
  private spare: number | undefined;

  constructor(seed: number) {
    // Mix the seed so that nearby seeds give unrelated streams.
    this.state = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ 0xc2b2ae35) >>> 0;
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Standard normal. */
  normal(): number {
    if (this.spare !== undefined) {
      const s = this.spare;
      this.spare = undefined;
      return s;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }
}

/** Largest seed: seeds are 32-bit unsigned integers. */
export const MAX_SEED = 0xffffffff;

/** Throws unless `seed` is an integer in `[0, 2³² − 1]`, so a typo never silently means seed 0. */
export function checkSeed(op: string, seed: unknown, argument = 'seed'): number {
  return checkInteger(op, argument, seed, 0, MAX_SEED);
}

/** The default generator's seed at start-up, like torch's fixed `initial_seed()`. */
const INITIAL_SEED = 0;
let globalRandom = new Random(INITIAL_SEED);
let globalSeed = INITIAL_SEED;

/**
 * Reseeds the default generator that `randn`, `rand` and layers without a `seed` draw from,
 * as `torch.manual_seed`. It starts at seed 0, so a fresh process always makes the same values.
 */
export function manualSeed(seed: number): void {
  globalSeed = checkSeed('manualSeed', seed);
  globalRandom = new Random(globalSeed);
}

/** The seed the default generator was last (re)started with, as `torch.initial_seed`. */
export function initialSeed(): number {
  return globalSeed;
}

/** The default generator (shared, advancing with every draw). */
export function defaultRandom(): Random {
  return globalRandom;
}

/** A fresh 32-bit seed from the default generator: layers without a seed take one. */
export function nextSeed(): number {
  return Math.floor(globalRandom.uniform() * 4294967296) >>> 0;
}
