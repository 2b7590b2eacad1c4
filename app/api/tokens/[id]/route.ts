import { route } from "@/lib/http/route";
import { DomainError } from "@/lib/errors/domain-error";
import { getPrisma } from "@/lib/db/client";
import { revokeApiToken } from "@/lib/auth/api-token";
import { audit } from "@/lib/audit/log";

export const dynamic = "force-dynamic";

export const DELETE = route<{ id: string }>({ resource: "sessions", action: "modify" }, async ({ session, params }) => {
  const revoked = await revokeApiToken(getPrisma(), session.user.id, params.id);
  if (!revoked) throw new DomainError("TOKEN_NOT_FOUND", "no active token with this id belongs to you");
  await audit(getPrisma(), session.user, "delete", "api-token", params.id, { revoked: true });
  return Response.json({ ok: true });
});
