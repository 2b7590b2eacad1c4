// Which browser origins may act with a signed-in user's cookie: PUBLIC_URL, the entries of
// ALLOWED_ORIGINS, and the host the request itself was sent to. One rule for the HTTP CSRF
// check and the socket.io handshake (cross-site WebSocket hijacking is CSRF over a socket).
import { ZAllowedOrigins } from "@/lib/config/env";
import { requestHost } from "@/lib/http/client-address";

export type OriginVerdict = { ok: true } | { ok: false; code: "CROSS_SITE_REQUEST"; message: string };

function publicOrigin(): string | null {
  const url = process.env.READYROOM_PUBLIC_URL ?? process.env.PUBLIC_URL ?? process.env.NEXTAUTH_URL;
  try {
    return url ? new URL(url).origin : null;
  } catch {
    return null;
  }
}

/** PUBLIC_URL's origin and ALLOWED_ORIGINS (validated at startup by lib/config/env.ts). */
export function allowedOrigins(): Set<string> {
  const extra = ZAllowedOrigins.safeParse(process.env.ALLOWED_ORIGINS ?? "");
  const set = new Set(extra.success ? extra.data : []);
  const own = publicOrigin();
  if (own) set.add(own);
  return set;
}

function parseOrigin(value: string): URL | null {
  try {
    const u = new URL(value);
    return u.protocol === "https:" || u.protocol === "http:" ? u : null;
  } catch {
    return null;
  }
}

const refused = (message: string): OriginVerdict => ({ ok: false, code: "CROSS_SITE_REQUEST", message });

/**
 * Decides whether a request's Origin may act for the user. `required`: a request that
 * uses the cookie to change something must name its origin (browsers always do).
 */
export function checkOrigin(origin: string | null | undefined, headers: Headers | Record<string, unknown>, required: boolean): OriginVerdict {
  if (origin === undefined || origin === null || origin === "") {
    return required ? refused("this request did not come from a Readyroom page (no Origin header); reload the page and try again") : { ok: true };
  }
  const parsed = parseOrigin(origin);
  if (!parsed) return refused(`the Origin header ${JSON.stringify(origin.slice(0, 100))} is not a web origin; open Readyroom at its own address and try again`);
  if (allowedOrigins().has(parsed.origin)) return { ok: true };
  const host = requestHost(headers);
  if (host && parsed.host === host.toLowerCase()) return { ok: true };
  return refused(`this request came from ${parsed.origin}, which is not this Readyroom's address; open Readyroom at its own address (or add the origin to ALLOWED_ORIGINS)`);
}
