// Join codes: 8 characters from a 31-symbol alphabet without look-alikes (0/O, 1/I/L),
// about 39.6 bits of entropy, shown as ABCD-EFGH.
import crypto from "node:crypto";
import { getPrisma } from "@/lib/db/client";

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

export async function findJoinableSession(code: string): Promise<JoinLookup> {
  const session = await getPrisma().exerciseSession.findUnique({
    where: { joinCode: code },
    select: { id: true, title: true, status: true, joinExpiresAt: true },
  });
  if (!session) return { ok: false, code: "JOIN_CODE_UNKNOWN", message: "No session uses this code. Check it with your facilitator." };
  if (session.status === "ENDED" || session.status === "ABORTED")
    return { ok: false, code: "SESSION_ENDED", message: "This session has ended. Ask your facilitator for the code of a current session." };
  if (session.joinExpiresAt && session.joinExpiresAt < new Date())
    return { ok: false, code: "JOIN_CODE_EXPIRED", message: "This join code has expired. Ask your facilitator for a new one." };
  return { ok: true, sessionId: session.id, title: session.title };
}
