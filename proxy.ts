// Runs before every page and API route: a fresh CSP nonce per request (Next applies it
// to its own scripts) and the security headers.
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, STATIC_SECURITY_HEADERS } from "@/lib/security/headers";
import { PATH_HEADER } from "@/i18n/client-scopes";

export function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const dev = process.env.NODE_ENV === "development";
  const https = (process.env.READYROOM_PUBLIC_URL ?? "").startsWith("https://");
  let csp = contentSecurityPolicy(nonce, { dev, host: request.headers.get("host") });
  if (!https) csp = csp.replace("; upgrade-insecure-requests", "");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  // The root layout hands participant pages only the messages they use (i18n/client-scopes.ts).
  requestHeaders.set(PATH_HEADER, request.nextUrl.pathname);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) response.headers.set(name, value);
  if (https) response.headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
