import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { jsonError } from "@/lib/http/route";

const handler = NextAuth(authOptions());
/** Sign-in forms are small: anything over 16 KiB is refused before next-auth parses it. */
const MAX_AUTH_BODY_BYTES = 16 * 1024;

async function limited(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  if (Number(req.headers.get("content-length") ?? "0") > MAX_AUTH_BODY_BYTES) {
    return jsonError(413, "BODY_TOO_LARGE", `the request body is larger than ${MAX_AUTH_BODY_BYTES / 1024} KiB`);
  }
  return handler(req, ctx);
}

export { handler as GET, limited as POST };
