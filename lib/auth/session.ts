// getSession(): the one place that turns a request into an authenticated user. Pages,
// route handlers, server actions and the socket.io handshake all call it.
import { decode } from "next-auth/jwt";
import { getPrisma } from "@/lib/db/client";
import type { SignIn, Role } from "@/lib/auth/types";

/** The JWT claim holding the user's session version when the cookie was issued. */
export const SESSION_VERSION_CLAIM = "sv";

export async function currentSessionVersion(userId: string): Promise<number> {
  const u = await getPrisma().user.findUnique({ where: { id: userId }, select: { sessionVersion: true } });
  return u?.sessionVersion ?? 0;
}

/**
 * Ends every sign-in cookie of a user, on every app node: the version lives in the
 * database row that getSession() reads on each request anyway, so the check costs nothing.
 */
export async function endUserSessions(userId: string): Promise<void> {
  await getPrisma().user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}

export const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

export function parseCookieHeader(header: string | undefined | null): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i < 0) continue;
    const name = part.slice(0, i).trim();
    if (!map.has(name)) {
      try {
        map.set(name, decodeURIComponent(part.slice(i + 1).trim()));
      } catch {
        // a malformed cookie is simply not a session
      }
    }
  }
  return map;
}

/**
 * Resolves the current session. With no argument it reads the request's cookies
 * through Next; the socket handshake passes its Cookie header instead.
 */
export async function getSession(cookieHeader?: string | null): Promise<SignIn | null> {
  let header = cookieHeader;
  if (header === undefined) {
    const { headers } = await import("next/headers");
    header = (await headers()).get("cookie");
  }
  const cookies = parseCookieHeader(header);
  const raw = SESSION_COOKIES.map((n) => cookies.get(n)).find(Boolean);
  const secret = process.env.NEXTAUTH_SECRET;
  if (!raw || !secret) return null;
  const token = await decode({ token: raw, secret }).catch(() => null);
  if (!token?.sub) return null;
  const user = await getPrisma().user.findUnique({
    where: { id: token.sub },
    select: { id: true, email: true, name: true, role: true, active: true, sessionVersion: true },
  });
  if (!user || !user.active) return null;
  // A cookie from before the user last signed out (on any device or node) is over.
  if (Number(token[SESSION_VERSION_CLAIM] ?? 0) !== user.sessionVersion) return null;
  return { user: { id: user.id, email: user.email, name: user.name, role: user.role as Role } };
}
