// Slows password guessing without letting a guesser lock the real user out.
//  - Per client address (every account): LOGIN_MAX_ATTEMPTS × 5 failures per window, then refused.
//  - Per account and address: LOGIN_MAX_ATTEMPTS failures, then that address is refused for
//    that account, even with the right password: it is the one guessing.
//  - Per account (every address): past LOGIN_MAX_ATTEMPTS failures, each attempt waits a
//    delay that doubles with every further failure (1 s up to 10 s) before the password is
//    checked. The right password from another address still signs in, only later.
//  - Past ACCOUNT_HARD_LIMIT failures on the account in a window, only addresses that signed
//    in to it before (in the last 24 days) may still try, with the delay; so a spread-out
//    guesser gets at most that many guesses per window (NIST SP 800-63B 5.2.2), and the
//    user, from a known address, still gets in.
// Counts live in the shared limiter store, so they hold across app nodes.
import { createAttemptLimiter, type AttemptLimiter } from "@/lib/auth/rate-limit";

export const LOGIN_WINDOW_SECONDS = 15 * 60;
export const ACCOUNT_HARD_LIMIT = 100;
/** How long a successful sign-in keeps its address known: 24 days, within what the in-memory store can hold. */
const KNOWN_ADDRESS_SECONDS = 24 * 24 * 3600;
const BASE_DELAY_MS = 1_000;
export const MAX_DELAY_MS = 10_000;

type Limiters = { address: AttemptLimiter; accountAddress: AttemptLimiter; account: AttemptLimiter; known: AttemptLimiter };

const KEY = Symbol.for("readyroom.loginLimiters.v2");
function limiters(): Limiters {
  const g = globalThis as unknown as Record<symbol, Limiters>;
  const points = Number(process.env.LOGIN_MAX_ATTEMPTS ?? 10);
  g[KEY] ??= {
    address: createAttemptLimiter(points * 5, LOGIN_WINDOW_SECONDS, "login-ip"),
    accountAddress: createAttemptLimiter(points, LOGIN_WINDOW_SECONDS, "login-account-ip"),
    // Counters only: they never refuse by themselves.
    account: createAttemptLimiter(1_000_000, LOGIN_WINDOW_SECONDS, "login-account"),
    known: createAttemptLimiter(1_000_000, KNOWN_ADDRESS_SECONDS, "login-known-address"),
  };
  return g[KEY];
}

/** The wait before the password is checked, after `failures` failures on the account. */
export function accountDelayMs(failures: number, maxAttempts: number): number {
  if (failures < maxAttempts) return 0;
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (failures - maxAttempts));
}

export type LoginGate = { ok: true; delayMs: number } | { ok: false };

/** Whether this address may try this account now, and how long the attempt must wait first. */
export async function admitLogin(email: string, address: string): Promise<LoginGate> {
  const l = limiters();
  const pair = `${email}|${address}`;
  if ((await l.address.retryAfter(address)) > 0 || (await l.accountAddress.retryAfter(pair)) > 0) return { ok: false };
  const failures = await l.account.failures(email);
  if (failures >= ACCOUNT_HARD_LIMIT && (await l.known.failures(pair)) === 0) return { ok: false };
  return { ok: true, delayMs: accountDelayMs(failures, Number(process.env.LOGIN_MAX_ATTEMPTS ?? 10)) };
}

export async function recordLoginFailure(email: string, address: string): Promise<void> {
  const l = limiters();
  await Promise.all([l.address.fail(address), l.accountAddress.fail(`${email}|${address}`), l.account.fail(email)]);
}

/** A success clears this address's count for the account and remembers the address; the account-wide count stays. */
export async function recordLoginSuccess(email: string, address: string): Promise<void> {
  const l = limiters();
  const pair = `${email}|${address}`;
  await l.accountAddress.reset(pair);
  if ((await l.known.failures(pair)) === 0) await l.known.fail(pair);
}
