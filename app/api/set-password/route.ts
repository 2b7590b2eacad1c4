// The one write a signed-out visitor may make besides joining an exercise: spending a
// one-time set-password link. The link's token is the credential; unknown tokens are
// counted per client address so nobody can probe for live links.
import { errorResponse, readJson } from "@/lib/http/route";
import { DomainError } from "@/lib/errors/domain-error";
import { checkOrigin } from "@/lib/http/origin";
import { clientAddress } from "@/lib/http/client-address";
import { sharedAttemptLimiter } from "@/lib/auth/rate-limit";
import { getPrisma } from "@/lib/db/client";
import { SetupLinkError, setPasswordWithLink, ZSetPassword } from "@/lib/users/invite";

export const dynamic = "force-dynamic";

const limiter = () => sharedAttemptLimiter("set-password-link", 20, 900);

export async function POST(req: Request): Promise<Response> {
  const address = clientAddress(req.headers);
  try {
    const verdict = checkOrigin(req.headers.get("origin"), req.headers, true);
    if (!verdict.ok) throw new DomainError(verdict.code, verdict.message);
    const wait = await limiter().retryAfter(address);
    if (wait > 0) throw new DomainError("TOO_MANY_ATTEMPTS", `too many attempts with unknown links; try again in ${Math.ceil(wait / 1000)} s`);
    const input = await readJson(req, ZSetPassword, 4 * 1024);
    const { email } = await setPasswordWithLink(getPrisma(), input);
    return Response.json({ ok: true, email });
  } catch (e) {
    if (e instanceof SetupLinkError && e.reason === "unknown") await limiter().fail(address);
    return errorResponse(e, "set-password error");
  }
}
