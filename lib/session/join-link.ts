// The address people join a session at, printed beside the QR code and encoded in it: one
// function, so the two never differ. A configured PUBLIC_URL wins; without one, the host
// the facilitator's own browser used (a LAN address reaches the phones in the room, where
// "localhost" on the projector and "127.0.0.1" in the QR code reached nobody).

/** A Host header as browsers send it: a name or address and an optional port, nothing else. */
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** The base URL of join links: `configured` (PUBLIC_URL), else `http://` + the request's host, else `fallback`. */
export function joinBaseUrl(configured: string | undefined, requestHost: string | null | undefined, fallback: string): string {
  if (configured) return configured.replace(/\/+$/, "");
  if (requestHost && HOST.test(requestHost)) return `http://${requestHost}`;
  return fallback.replace(/\/+$/, "");
}

/** The join link for a session's (formatted) join code. */
export function joinUrlOf(base: string, joinCode: string): string {
  return `${base}/join?code=${encodeURIComponent(joinCode)}`;
}
