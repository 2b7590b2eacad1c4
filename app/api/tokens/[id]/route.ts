import { route } from "@/lib/http/route";
import { getPrisma } from "@/lib/db/client";
import { revokeApiToken } from "@/lib/auth/api-token";
import { audit } from "@/lib/audit/log";

export const dynamic = "force-dynamic";

export const DELETE = route<{ id: string }>({ resource: "sessions", action: "modify" }, async ({ session, params }) => {
  const revoked = await revokeApiToken(getPrisma(), session.user.id, params.id);
  if (!revoked) return Response.json({ error: { code: "TOKEN_NOT_FOUND", message: "no active token with this id belongs to you" } }, { status: 404 });
  await audit(getPrisma(), session.user, "delete", "api-token", params.id, { revoked: true });
  return Response.json({ ok: true });
});
