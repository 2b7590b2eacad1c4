// Attempt limits for logins and join codes: counted per key. A failed attempt costs a
// point; success clears the key. In memory on one node; with several nodes server.ts
// installs a shared store (Redis), so an address cannot spread its guesses over nodes.
import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";

export type AttemptLimiter = {
  /** Milliseconds until the key may try again, or 0 when it may try now. */
  retryAfter(key: string): Promise<number>;
  fail(key: string): Promise<void>;
  reset(key: string): Promise<void>;
  /** Failures counted for the key in the current window. */
  failures(key: string): Promise<number>;
};

/** Makes the counter behind a limiter; `name` keeps the limiters apart in a shared store. */
export type LimiterStore = (opts: { name: string; points: number; duration: number; blockDuration: number }) => RateLimiterAbstract;

const STORE = Symbol.for("readyroom.limiterStore");
/**
 * The longest window the in-memory store can hold: it expires each key with a timer, and
 * Node's timers take at most 2^31 - 1 ms (about 24.8 days). A longer one fires after 1 ms,
 * which would forget every key at once, so it is refused here instead.
 */
export const MAX_MEMORY_WINDOW_SECONDS = Math.floor((2 ** 31 - 1) / 1000);
const memoryStore: LimiterStore = ({ name, points, duration, blockDuration }) => {
  const longest = Math.max(duration, blockDuration);
  if (longest > MAX_MEMORY_WINDOW_SECONDS) throw new RangeError(`limiter ${name}: a window of ${longest} s is longer than the in-memory store can keep (${MAX_MEMORY_WINDOW_SECONDS} s)`);
  return new RateLimiterMemory({ points, duration, blockDuration });
};

/**
 * Counts attempts in a store shared by every node from now on. The custom server and Next's
 * bundles each compile this module, so the store lives on globalThis. Install it before
 * the first request: limiters made earlier keep counting in memory.
 */
export function installLimiterStore(store: LimiterStore): void {
  (globalThis as unknown as Record<symbol, LimiterStore>)[STORE] = store;
}

export function createAttemptLimiter(points: number, windowSeconds: number, name = `attempts-${points}-${windowSeconds}`): AttemptLimiter {
  const store = (globalThis as unknown as Record<symbol, LimiterStore | undefined>)[STORE] ?? memoryStore;
  const limiter = store({ name, points, duration: windowSeconds, blockDuration: windowSeconds });
  return {
    async retryAfter(key) {
      const res = await limiter.get(key);
      return res && res.remainingPoints <= 0 ? Math.max(res.msBeforeNext, 1) : 0;
    },
    async fail(key) {
      await limiter.consume(key).catch((e: unknown) => {
        if (!(e instanceof RateLimiterRes)) throw e;
      });
    },
    async reset(key) {
      await limiter.delete(key);
    },
    async failures(key) {
      return (await limiter.get(key))?.consumedPoints ?? 0;
    },
  };
}

const NAMED = Symbol.for("readyroom.namedLimiters");

/** A process-wide limiter shared by every entry point that uses the same name. */
export function sharedAttemptLimiter(name: string, points: number, windowSeconds: number): AttemptLimiter {
  const g = globalThis as unknown as Record<symbol, Map<string, AttemptLimiter>>;
  g[NAMED] ??= new Map();
  let limiter = g[NAMED].get(name);
  if (!limiter) {
    limiter = createAttemptLimiter(points, windowSeconds, name);
    g[NAMED].set(name, limiter);
  }
  return limiter;
}

/** Wrong join codes allowed per client address (lib/http/client-address.ts): 20 per 10 minutes. */
export function joinCodeLimiter(): AttemptLimiter {
  return sharedAttemptLimiter("join-code", Number(process.env.JOIN_MAX_ATTEMPTS ?? 20), 600);
}
