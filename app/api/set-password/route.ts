// The one write a signed-out visitor may make besides joining an exercise: spending a
// one-time set-password link. The link's token is the credential; unknown tokens are
// counted per client address so nobody can probe for live links.
import { z } from "zod";
import { readBody, parseJson, jsonError, HttpError } from "@/lib/http/route";
import { checkOrigin } from "@/lib/http/origin";
import { clientAddress } from "@/lib/http/client-address";
import { sharedAttemptLimiter } from "@/lib/auth/rate-limit";
import { getPrisma } from "@/lib/db/client";
import { logError } from "@/lib/log/logger";
import { PasswordPolicyError, SetupLinkError, setPasswordWithLink, ZSetPassword } from "@/lib/users/invite";

export const dynamic = "force-dynamic";

const limiter = () => sharedAttemptLimiter("set-password-link", 20, 900);

export async function POST(req: Request): Promise<Response> {
  const address = clientAddress(req.headers);
  try {
    const verdict = checkOrigin(req.headers.get("origin"), req.headers, true);
    if (!verdict.ok) throw new HttpError(403, verdict.code, verdict.message);
    const wait = await limiter().retryAfter(address);
    if (wait > 0) throw new HttpError(429, "TOO_MANY_ATTEMPTS", `too many attempts with unknown links; try again in ${Math.ceil(wait / 1000)} s`);
    const input = parseJson(await readBody(req, 4 * 1024), ZSetPassword as z.ZodType<z.infer<typeof ZSetPassword>>);
    const { email } = await setPasswordWithLink(getPrisma(), input);
    return Response.json({ ok: true, email });
  } catch (e) {
    if (e instanceof HttpError) return jsonError(e.status, e.code, e.message, e.details);
    if (e instanceof PasswordPolicyError) return jsonError(400, "WEAK_PASSWORD", e.message, [{ path: "/password", message: e.message, reason: e.reason }]);
    if (e instanceof SetupLinkError) {
      if (e.reason === "unknown") await limiter().fail(address);
      return jsonError(e.reason === "unknown" ? 404 : 410, `LINK_${e.reason.toUpperCase()}`, e.message);
    }
    logError("set-password error", e);
    return jsonError(500, "INTERNAL", "something went wrong on the server; your password was not changed");
  }
}
