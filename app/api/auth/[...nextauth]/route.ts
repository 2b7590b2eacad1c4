import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { errorResponse, readBodyBytes } from "@/lib/http/route";
import { DomainError } from "@/lib/errors/domain-error";
import { findUnstorableText } from "@/lib/security/text";

const handler = NextAuth(authOptions());
/** Sign-in forms are small: anything over 16 KiB is refused before next-auth parses it. */
const MAX_AUTH_BODY_BYTES = 16 * 1024;

/** Reads the form with a hard size limit (chunked bodies included) and refuses text that cannot be stored. */
async function limited(req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }) {
  let body: Uint8Array;
  try {
    body = await readBodyBytes(req, MAX_AUTH_BODY_BYTES);
  } catch (e) {
    return errorResponse(e, "sign-in body");
  }
  const text = new TextDecoder().decode(body);
  if ((req.headers.get("content-type") ?? "").includes("application/x-www-form-urlencoded")) {
    const fields = Object.fromEntries(new URLSearchParams(text));
    const bad = findUnstorableText(fields);
    if (bad) return errorResponse(new DomainError("INVALID_INPUT", `${bad.path}: ${bad.message}`, bad.path));
  }
  const headers = new Headers(req.headers);
  headers.delete("content-length");
  headers.delete("transfer-encoding");
  // next-auth reads the query from nextUrl, so the copy is a NextRequest too.
  const copy = new NextRequest(req.url, { method: req.method, headers, body: body.byteLength ? (body as BodyInit) : undefined });
  return handler(copy, ctx);
}

export { handler as GET, limited as POST };
