// The in-memory attempt store expires keys with Node timers, which cap at about 24.8 days:
// a longer window must be refused, not silently turned into a 1 ms one that forgets every key.
import { describe, expect, it } from "vitest";
import { MAX_MEMORY_WINDOW_SECONDS, createAttemptLimiter } from "@/lib/auth/rate-limit";

describe("attempt limiter in memory", () => {
  it("keeps a key for a long window (24 days)", async () => {
    const limiter = createAttemptLimiter(1_000_000, 24 * 24 * 3600, "test-long-window");
    await limiter.fail("203.0.113.7");
    await new Promise((r) => setTimeout(r, 30));
    expect(await limiter.failures("203.0.113.7")).toBe(1);
  });

  it("refuses a window longer than its timers can hold, naming the limiter", () => {
    expect(() => createAttemptLimiter(10, MAX_MEMORY_WINDOW_SECONDS + 1, "too-long")).toThrow(/limiter too-long: a window of \d+ s is longer/);
  });
});
