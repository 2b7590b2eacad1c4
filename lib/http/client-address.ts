// The client's address for limits and logs: the TCP peer, or, behind TRUST_PROXY trusted
// proxies, the right-most X-Forwarded-For entry that none of them added. Everything to the
// left of that entry was written by the client and is never believed.
import { ZTrustProxy } from "@/lib/config/env";

/** Set by server.ts from the TCP peer address (any client-sent value is overwritten). */
export const PEER_HEADER = "x-readyroom-peer";

/** How many proxies in front of the app append to X-Forwarded-For (0: none is trusted). */
export function trustedProxyHops(): number {
  const r = ZTrustProxy.safeParse(process.env.TRUST_PROXY ?? "");
  return r.success ? r.data : 0;
}

type HeaderSource = Headers | Record<string, unknown> | undefined | null;

function header(headers: HeaderSource, name: string): string | null {
  if (!headers) return null;
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name);
  const v = (headers as Record<string, unknown>)[name];
  if (Array.isArray(v)) return v.join(",");
  return v === undefined || v === null ? null : String(v);
}

/**
 * The address a request came from. `peer` is the TCP peer when the caller has it (the
 * socket.io handshake); HTTP requests carry it in PEER_HEADER, which server.ts sets.
 * With N trusted hops, the chain [X-Forwarded-For…, peer] is read from the right: the
 * peer is the nearest proxy, the N-1 entries before it were added by the other proxies,
 * and the next one is the client's.
 */
export function clientAddress(headers: HeaderSource, peer?: string | null): string {
  const tcpPeer = peer || header(headers, PEER_HEADER) || "unknown";
  const hops = trustedProxyHops();
  if (hops === 0) return tcpPeer;
  const forwarded = (header(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const chain = [...forwarded, tcpPeer];
  return chain[Math.max(0, chain.length - 1 - hops)];
}

/** The host the client addressed: Host, or X-Forwarded-Host only when proxies are trusted. */
export function requestHost(headers: HeaderSource): string | null {
  if (trustedProxyHops() > 0) {
    const forwarded = header(headers, "x-forwarded-host")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  return header(headers, "host");
}
