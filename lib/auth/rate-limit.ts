// Attempt limits for logins (and, later, join codes): counted per key, in memory on
// one node. A failed attempt costs a point; success clears the key.
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

export type AttemptLimiter = {
  /** Milliseconds until the key may try again, or 0 when it may try now. */
  retryAfter(key: string): Promise<number>;
  fail(key: string): Promise<void>;
  reset(key: string): Promise<void>;
};

export function createAttemptLimiter(points: number, windowSeconds: number): AttemptLimiter {
  const limiter = new RateLimiterMemory({ points, duration: windowSeconds, blockDuration: windowSeconds });
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
  };
}

const NAMED = Symbol.for("readyroom.namedLimiters");

/** A process-wide limiter shared by every entry point that uses the same name. */
export function sharedAttemptLimiter(name: string, points: number, windowSeconds: number): AttemptLimiter {
  const g = globalThis as unknown as Record<symbol, Map<string, AttemptLimiter>>;
  g[NAMED] ??= new Map();
  let limiter = g[NAMED].get(name);
  if (!limiter) {
    limiter = createAttemptLimiter(points, windowSeconds);
    g[NAMED].set(name, limiter);
  }
  return limiter;
}

/** Wrong join codes allowed per client address: 20 per 10 minutes. */
export function joinCodeLimiter(): AttemptLimiter {
  return sharedAttemptLimiter("join-code", Number(process.env.JOIN_MAX_ATTEMPTS ?? 20), 600);
}
