import { route, readBody, parseJson } from "@/lib/http/route";
import { getPrisma } from "@/lib/db/client";
import { createApiToken, ZNewToken } from "@/lib/auth/api-token";
import { audit } from "@/lib/audit/log";

export const dynamic = "force-dynamic";

/** The caller's own API tokens (never the secret itself). */
export const GET = route({ resource: "sessions", action: "modify" }, async ({ session }) => {
  const tokens = await getPrisma().apiToken.findMany({
    where: { userId: session.user.id },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true },
  });
  return Response.json({ tokens });
});

export const POST = route({ resource: "sessions", action: "modify" }, async ({ req, session, viaToken }) => {
  if (viaToken) return Response.json({ error: { code: "FORBIDDEN", message: "create API tokens from the web app, not with another token" } }, { status: 403 });
  const input = parseJson(await readBody(req, 4096), ZNewToken);
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const created = await createApiToken(getPrisma(), session.user.id, input.name, expiresAt);
  await audit(getPrisma(), session.user, "create", "api-token", created.id, { fields: ["name"] });
  return Response.json(created, { status: 201 });
});
