// Join codes: 8 characters from a 31-symbol alphabet without look-alikes (0/O, 1/I/L),
// about 39.6 bits of entropy, shown as ABCD-EFGH.
import crypto from "node:crypto";
import { getPrisma } from "@/lib/db/client";
import { joinCodeLimiter } from "@/lib/auth/rate-limit";
import { isOver } from "@/lib/session/lifecycle";

export const JOIN_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const JOIN_CODE_LENGTH = 8;

export function generateJoinCode(): string {
  let out = "";
  for (const byte of crypto.randomBytes(JOIN_CODE_LENGTH * 2)) {
    if (byte >= 248) continue; // 248 = 8 * 31: reject to keep the draw uniform
    out += JOIN_ALPHABET[byte % JOIN_ALPHABET.length];
    if (out.length === JOIN_CODE_LENGTH) return out;
  }
  return generateJoinCode();
}

export function formatJoinCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** Uppercases and strips separators; null when it cannot be a join code. */
export function normalizeJoinCode(input: string | undefined | null): string | null {
  if (!input) return null;
  const code = input.toUpperCase().replace(/[\s-]/g, "");
  if (code.length !== JOIN_CODE_LENGTH) return null;
  for (const ch of code) if (!JOIN_ALPHABET.includes(ch)) return null;
  return code;
}

export type JoinLookup = { ok: true; sessionId: string; title: string } | { ok: false; code: string; message: string };

/**
 * Looks a code up for the join page. With `clientKey` (the caller's address), wrong codes
 * count against the same limit as socket joins, so codes cannot be enumerated over HTTP.
 */
export async function findJoinableSession(code: string, clientKey?: string): Promise<JoinLookup> {
  const limiter = clientKey ? joinCodeLimiter() : null;
  if (limiter && clientKey && (await limiter.retryAfter(clientKey)) > 0) {
    return { ok: false, code: "RATE_LIMITED", message: "Too many wrong join codes from this network. Wait 10 minutes and try again." };
  }
  const result = await lookupJoinCode(code);
  if (!result.ok && limiter && clientKey && result.code !== "SESSION_ENDED") await limiter.fail(clientKey);
  return result;
}

async function lookupJoinCode(code: string): Promise<JoinLookup> {
  const session = await getPrisma().exerciseSession.findUnique({
    where: { joinCode: code },
    select: { id: true, title: true, status: true, joinExpiresAt: true },
  });
  if (!session) return { ok: false, code: "JOIN_CODE_UNKNOWN", message: "No session uses this code. Check it with your facilitator." };
  if (isOver(session.status))
    return { ok: false, code: "SESSION_ENDED", message: "This session has ended. Ask your facilitator for the code of a current session." };
  if (session.joinExpiresAt && session.joinExpiresAt < new Date())
    return { ok: false, code: "JOIN_CODE_EXPIRED", message: "This join code has expired. Ask your facilitator for a new one." };
  return { ok: true, sessionId: session.id, title: session.title };
}
